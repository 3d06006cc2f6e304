package org.segmentdsl.dsl;

import com.google.errorprone.annotations.CheckReturnValue;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Operand;

/**
 * Conditions on a geo field: great-circle distance (haversine, Earth radius 6371.0088 km).
 *
 * <pre>{@code
 * geoField("location").withinKm(40.71, -74.0, 50)
 * }</pre>
 */
@CheckReturnValue
public final class GeoField extends FieldBuilder {
  GeoField(String name) {
    super(name);
  }

  /**
   * At most {@code km} kilometres from the point, the boundary included.
   *
   * @param lat the point's latitude in degrees, -90 to 90
   * @param lon the point's longitude in degrees, -180 to 180
   * @param km the radius in kilometres, finite and greater than zero
   * @return the field condition
   * @throws IllegalArgumentException if a coordinate or the radius is out of its range
   */
  public FieldCondition withinKm(double lat, double lon, double km) {
    return condition(FieldOperator.WITHIN,
        new Operand.Circle(lat, lon, km, Operand.DistanceUnit.KM));
  }

  /**
   * At most {@code miles} miles (1.609344 km) from the point, the boundary included.
   *
   * @param lat the point's latitude in degrees, -90 to 90
   * @param lon the point's longitude in degrees, -180 to 180
   * @param miles the radius in miles, finite and greater than zero
   * @return the field condition
   * @throws IllegalArgumentException if a coordinate or the radius is out of its range
   */
  public FieldCondition withinMiles(double lat, double lon, double miles) {
    return condition(FieldOperator.WITHIN,
        new Operand.Circle(lat, lon, miles, Operand.DistanceUnit.MILES));
  }
}
