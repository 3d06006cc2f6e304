package org.segmentdsl.json;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.condition.TimeSpan;

/**
 * Random valid segments of every condition kind and every operator shape, with awkward strings
 * (quotes, escapes, non-ASCII, the empty string where it is a value), extreme and fractional
 * numbers, labels and {@code x-} metadata. Schema-free: field names and types are random.
 */
final class RandomSegments {
  private static final String[] STRINGS = {"", "US", "a\"b", "back\\slash", "tab\there",
      "line\nbreak", "é ü 中文 🙂", "\u0000nul", "x".repeat(1024), "-0", "1e5", "null"};
  private static final double[] NUMBERS = {0, -0.0, 1, -1, 0.5, 1e300, -1e-300, 123456789.125,
      9007199254740993.0, Double.MIN_VALUE, Double.MAX_VALUE, 42};
  private static final String[] DATES = {"2026-02-28", "2024-02-29", "0001-01-01", "9999-12-31"};
  private static final String[] INSTANTS = {"2026-11-28T09:30:00Z", "2026-11-28T09:30:00+02:00",
      "2026-03-08T02:30:00.123456-05:00", "1970-01-01T00:00:00Z"};

  private RandomSegments() {}

  static Segment segment(SplittableRandom r) {
    Segment.Builder b = Segment.builder().where(condition(r, 0, false));
    if (r.nextBoolean()) {
      b.id(r.nextBoolean() ? "s-" + r.nextInt(1000) : "a.b_c-" + r.nextInt(9));
    }
    if (r.nextInt(3) == 0) {
      String name = pick(r, STRINGS);
      b.name(name.substring(0, Math.min(200, name.length())));
    }
    if (r.nextInt(3) == 0) {
      b.description(r.nextBoolean() ? "d".repeat(4000) : "desc \"q\"");
    }
    if (r.nextInt(4) == 0) {
      b.metadata("x-owner", "{\"team\":\"growth\",\"n\":[1,2.5,true,null]}");
    }
    if (r.nextInt(6) == 0) {
      b.metadata("x-a", "\"text\"");
    }
    return b.build();
  }

  static Condition condition(SplittableRandom r, int depth, boolean related) {
    int kinds = related ? 4 : 10;
    int k = depth >= 5 ? 3 + r.nextInt(kinds - 3) : r.nextInt(kinds);
    if (related && k == 3) {
      k = 5; // field
    } else if (related && k > 3) {
      k = r.nextInt(3);
    }
    Condition c = switch (k) {
      case 0 -> new All(children(r, depth, related));
      case 1 -> new Any(children(r, depth, related));
      case 2 -> new Not(condition(r, depth + 1, related));
      case 3 -> tag(r);
      case 4 -> list(r);
      case 5 -> field(r);
      case 6 -> event(r);
      case 7 -> new SegmentReference("seg-" + r.nextInt(5));
      case 8 -> new DealCondition(condition(r, depth + 1, true));
      default -> new AccountCondition(condition(r, depth + 1, true));
    };
    return r.nextInt(8) == 0 ? c.withLabel(r.nextBoolean() ? "label \"x\"" : "") : c;
  }

  private static List<Condition> children(SplittableRandom r, int depth, boolean related) {
    List<Condition> out = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      out.add(condition(r, depth + 1, related));
    }
    return out;
  }

  private static Condition tag(SplittableRandom r) {
    String p = pick(r, STRINGS);
    return new TagCondition(p.isEmpty() ? "t" : p,
        TagCondition.Op.values()[r.nextInt(TagCondition.Op.values().length)], r.nextBoolean(),
        null);
  }

  private static Condition list(SplittableRandom r) {
    ListStatus[] s = ListStatus.values();
    return new ListCondition("list-" + r.nextInt(3), r.nextInt(5) == 0 ? null : s[r.nextInt(s.length)],
        null);
  }

  private static Literal literal(SplittableRandom r, int kind) {
    return switch (kind) {
      case 0 -> new Literal.Text(pick(r, STRINGS));
      case 1 -> new Literal.Number(NUMBERS[r.nextInt(NUMBERS.length)]);
      case 2 -> new Literal.Bool(r.nextBoolean());
      case 3 -> new Literal.Text(pick(r, DATES));
      default -> new Literal.Text(pick(r, INSTANTS));
    };
  }

  private static Condition field(SplittableRandom r) {
    for (int attempt = 0; ; attempt++) {
      FieldOperator op = FieldOperator.values()[r.nextInt(FieldOperator.values().length)];
      int kind = r.nextInt(5);
      Operand operand = switch (op.shape()) {
        case NONE -> Operand.None.INSTANCE;
        case SINGLE -> new Operand.Single(literal(r, kind));
        case VALUES -> {
          List<Literal> vs = new ArrayList<>();
          int n = 1 + r.nextInt(4);
          int k = r.nextInt(2);
          for (int i = 0; i < n; i++) {
            vs.add(literal(r, k));
          }
          yield new Operand.Values(vs);
        }
        case RANGE -> r.nextBoolean()
            ? new Operand.Range(new Literal.Number(-1.5), new Literal.Number(r.nextInt(100)))
            : new Operand.Range(new Literal.Text("2026-01-01"), new Literal.Text("2026-12-31"));
        case SPAN -> new Operand.Span(span(r));
        case CIRCLE -> new Operand.Circle(r.nextDouble(-90, 90), r.nextDouble(-180, 180),
            0.001 + r.nextDouble(20_000), r.nextBoolean() ? Operand.DistanceUnit.KM
            : Operand.DistanceUnit.MILES);
      };
      boolean ignoreCase = op.allowsIgnoreCase() && r.nextBoolean();
      if (FieldCondition.problem(op, operand, ignoreCase) != null) {
        continue;
      }
      try {
        return new FieldCondition(r.nextBoolean() ? "country" : "utm.source_" + r.nextInt(3), op,
            operand, ignoreCase, null);
      } catch (IllegalArgumentException e) {
        if (attempt > 50) {
          throw e;
        }
      }
    }
  }

  private static TimeSpan span(SplittableRandom r) {
    return switch (r.nextInt(4)) {
      case 0 -> TimeSpan.parse("P" + (1 + r.nextInt(400)) + "D");
      case 1 -> TimeSpan.parse("P" + (1 + r.nextInt(10)) + "W");
      case 2 -> TimeSpan.parse("P1W2D");
      default -> TimeSpan.parse("P" + r.nextInt(3) + "DT" + (1 + r.nextInt(23)) + "H30M15S");
    };
  }

  private static Condition event(SplittableRandom r) {
    List<PropertyFilter> filters = new ArrayList<>();
    int n = r.nextInt(3);
    while (filters.size() < n) {
      PropertyFilter.Op op = PropertyFilter.Op.values()[r.nextInt(PropertyFilter.Op.values().length)];
      Operand operand = switch (op.shape()) {
        case NONE -> Operand.None.INSTANCE;
        case SINGLE -> new Operand.Single(literal(r, r.nextInt(3)));
        case VALUES -> new Operand.Values(List.of(literal(r, 1), new Literal.Number(7)));
        default -> new Operand.Range(new Literal.Number(1), new Literal.Number(2.5));
      };
      boolean ignoreCase = r.nextBoolean();
      if (PropertyFilter.problem(op, operand, ignoreCase) == null) {
        filters.add(new PropertyFilter("p" + r.nextInt(3), op, operand, ignoreCase));
      }
    }
    Integer atLeast = r.nextInt(3) == 0 ? r.nextInt(5) : null;
    Integer atMost = r.nextInt(3) == 0 ? (atLeast == null ? 0 : atLeast) + r.nextInt(5) : null;
    EventWindow window = switch (r.nextInt(5)) {
      case 0 -> null;
      case 1 -> new EventWindow.Last(span(r));
      case 2 -> new EventWindow.Range(new Literal.Text("2026-01-01"), null);
      case 3 -> new EventWindow.Range(null, new Literal.Text(pick(r, INSTANTS)));
      default -> new EventWindow.Range(new Literal.Text("2025-12-31T23:59:59.999999Z"),
          new Literal.Text("2026-06-01"));
    };
    return new EventCondition(r.nextBoolean() ? "email_click" : "ev \"q\" é", filters, atLeast,
        atMost, window, null);
  }

  private static String pick(SplittableRandom r, String[] options) {
    return options[r.nextInt(options.length)];
  }
}
