package org.segmentdsl.condition;

import java.util.List;
import java.util.Objects;

/**
 * What a field operator compares with: nothing, a value, values, a range, a span or a circle.
 *
 * <pre>{@code
 * new Operand.Range(Literal.of(10), Literal.of(20));                    // between [10, 20]
 * new Operand.Circle(40.71, -74.0, 50, Operand.DistanceUnit.KM);         // within 50 km
 * new Operand.Span(TimeSpan.parse("P30D"));                               // inLast P30D
 * }</pre>
 */
public sealed interface Operand
    permits Operand.None, Operand.Single, Operand.Values, Operand.Range, Operand.Span,
        Operand.Circle {

  /** Most values an {@code in} or {@code notIn} takes. */
  int MAX_VALUES = 10_000;

  /** No operand ({@code isSet}, {@code isNotSet}, {@code anniversary}). */
  record None() implements Operand {
    /** The one instance needed: all are equal. */
    public static final None INSTANCE = new None();
  }

  /**
   * One value ({@code eq}, {@code gt}, {@code contains}, …).
   *
   * @param value the value
   */
  record Single(Literal value) implements Operand {
    /**
     * Checks the value.
     *
     * @param value the value, not null
     */
    public Single {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A non-empty list of values, all strings or all numbers ({@code in}, {@code notIn}).
   *
   * @param values the values, in order
   */
  record Values(List<Literal> values) implements Operand {
    /**
     * Copies and checks the values.
     *
     * @param values the values, in order (copied); neither the list nor a value null
     * @throws IllegalArgumentException if there are none, more than {@value #MAX_VALUES}, or
     *     values of different kinds
     */
    public Values {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("in needs at least one value");
      }
      if (values.size() > MAX_VALUES) {
        throw new IllegalArgumentException(
            "in takes at most " + MAX_VALUES + " values, got " + values.size());
      }
      Class<?> kind = values.get(0).getClass();
      for (Literal v : values) {
        if (v.getClass() != kind) {
          throw new IllegalArgumentException("in values must all be of one type");
        }
      }
    }
  }

  /**
   * Inclusive bounds {@code lo <= v <= hi} ({@code between}).
   *
   * @param lo the lower bound
   * @param hi the upper bound
   */
  record Range(Literal lo, Literal hi) implements Operand {
    /**
     * Checks the bounds.
     *
     * @param lo the lower bound, not null
     * @param hi the upper bound, not null
     */
    public Range {
      Objects.requireNonNull(lo, "lo");
      Objects.requireNonNull(hi, "hi");
    }
  }

  /**
   * A length of time ({@code inLast}, {@code olderThan}, {@code inNext}).
   *
   * @param span the length
   */
  record Span(TimeSpan span) implements Operand {
    /**
     * Checks the length.
     *
     * @param span the length, not null
     */
    public Span {
      Objects.requireNonNull(span, "span");
    }
  }

  /**
   * A circle on Earth ({@code within}).
   *
   * @param lat centre latitude in degrees
   * @param lon centre longitude in degrees
   * @param radius radius in {@code unit}s, greater than zero
   * @param unit kilometres or miles
   */
  record Circle(double lat, double lon, double radius, DistanceUnit unit) implements Operand {
    /**
     * Checks the values; stores {@code -0.0} coordinates as {@code 0.0}.
     *
     * @param lat centre latitude in degrees, -90 to 90
     * @param lon centre longitude in degrees, -180 to 180
     * @param radius radius in {@code unit}s, finite and greater than zero
     * @param unit kilometres or miles, not null
     * @throws IllegalArgumentException if a coordinate or the radius is out of its range
     */
    public Circle {
      if (!(lat >= -90 && lat <= 90)) {
        throw new IllegalArgumentException("lat must be between -90 and 90, got " + lat);
      }
      if (!(lon >= -180 && lon <= 180)) {
        throw new IllegalArgumentException("lon must be between -180 and 180, got " + lon);
      }
      if (!(radius > 0) || !Double.isFinite(radius)) {
        throw new IllegalArgumentException("radius must be greater than zero, got " + radius);
      }
      Objects.requireNonNull(unit, "unit");
      if (lat == 0.0d) {
        lat = 0.0d;
      }
      if (lon == 0.0d) {
        lon = 0.0d;
      }
    }

    /** {@return the radius in kilometres (1 mile = 1.609344 km)} */
    public double radiusKm() {
      return unit == DistanceUnit.KM ? radius : radius * 1.609344;
    }
  }

  /** The unit of a {@link Circle}'s radius. */
  enum DistanceUnit {
    /** Kilometres; JSON {@code km}. */
    KM("km"),
    /** Miles of 1.609344 km; JSON {@code miles}. */
    MILES("miles");

    private final String jsonName;

    DistanceUnit(String jsonName) {
      this.jsonName = jsonName;
    }

    /** {@return the key used in saved segment JSON} */
    public String jsonName() {
      return jsonName;
    }
  }
}
