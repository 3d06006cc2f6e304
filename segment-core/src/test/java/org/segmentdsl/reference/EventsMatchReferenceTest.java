package org.segmentdsl.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Schema;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.condition.TimeSpan;

/**
 * Event conditions (segment-format.md 3.5) against a plain loop over each contact's events, on
 * random events clustered around window edges, random filters, bounds and windows, inside random
 * trees; and random sequences of recording, removing contacts and dropping old events, compared
 * after every step. The seed is in every failure message; {@code -Dsegment.seed} and {@code
 * -Dsegment.tries} override.
 */
class EventsMatchReferenceTest {
  private static final Instant NOW = Instant.parse("2026-03-10T16:00:00Z");
  private static final String[] TYPES = {"email_open", "email_click", "purchase"};
  private static final String[] ZONES = {"UTC", "America/New_York", "Asia/Kolkata",
      "Pacific/Kiritimati"};
  private static final TimeSpan[] SPANS = {TimeSpan.parse("P14D"), TimeSpan.parse("PT12H"),
      TimeSpan.parse("P1D"), TimeSpan.parse("P90D"), TimeSpan.parse("P400D"),
      TimeSpan.parse("PT720M"), TimeSpan.parse("P1W2D")};
  private static final Object[] VALUES = {"spring-sale", "Spring-Sale", "", "crm", 1, 0, -0.0, 100,
      100.5, true, false, "1", "https://x.com/CRM/demo"};

  /**
   * What the test knows of one contact: its events in recording order. The model maps every id
   * ever added, in first-added order, to its events, or to null while it is removed.
   */
  private record Ev(String type, Instant at, Map<String, Object> props) {}

  /** Each contact's one tag ("a" or "b"), as last upserted. */
  private final Map<String, String> tags = new LinkedHashMap<>();

  private final Set<PropertyFilter.Op> opsSeen = EnumSet.noneOf(PropertyFilter.Op.class);

  @Test
  void eventConditionsMatchTheReferenceOnRandomEvents() {
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(1000);
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      SplittableRandom r = new SplittableRandom(seed);
      ContactIndex index = ContactIndex.create(Schema.builder().build());
      Map<String, List<Ev>> model = new LinkedHashMap<>();
      tags.clear();
      int n = 5 + r.nextInt(40);
      index.update(b -> {
        for (int i = 0; i < n; i++) {
          String id = "c" + i;
          String tag = r.nextBoolean() ? "a" : "b";
          b.upsert(Contact.builder(id).tags(tag).build());
          tags.put(id, tag);
          model.put(id, new ArrayList<>());
        }
      });
      recordRandom(index, model, r, 3 * n);
      compare(index, model, r, seed, t, -1);
    }
    assertThat(opsSeen).as("every property operator generated").containsAll(
        EnumSet.allOf(PropertyFilter.Op.class));
  }

  @Test
  void mutationSequencesWithEventsMatchTheReferenceAfterEveryStep() {
    long base = Seeds.baseSeed();
    int sequences = Math.max(1, Seeds.tries(1000) / 40);
    for (int s = 0; s < sequences; s++) {
      long seed = base + 7919L * s;
      SplittableRandom r = new SplittableRandom(seed);
      ContactIndex index = ContactIndex.create(Schema.builder().build());
      Map<String, List<Ev>> model = new LinkedHashMap<>();
      tags.clear();
      for (int step = 0; step < 60; step++) {
        int kind = r.nextInt(10);
        List<String> present = model.entrySet().stream().filter(e -> e.getValue() != null)
            .map(Map.Entry::getKey).toList();
        if (kind < 3 || present.isEmpty()) {
          String id = "c" + r.nextInt(30);
          boolean tagA = r.nextBoolean();
          index.upsert(Contact.builder(id).tags(tagA ? "a" : "b").build());
          model.putIfAbsent(id, new ArrayList<>());
          tags.put(id, tagA ? "a" : "b");
        } else if (kind < 7) {
          recordRandom(index, model, r, 1 + r.nextInt(6));
        } else if (kind < 9) {
          String id = present.get(r.nextInt(present.size()));
          index.remove(id);
          model.put(id, null); // gone, but its first place stays (see README: ids() order)
          if (r.nextBoolean()) { // back again in a later batch, without its events
            index.upsert(Contact.builder(id).tags("a").build());
            model.put(id, new ArrayList<>());
            tags.put(id, "a");
          }
        } else {
          Instant cutoff = time(r);
          index.dropEventsBefore(cutoff);
          Instant c = cutoff.truncatedTo(ChronoUnit.MICROS).equals(cutoff) ? cutoff
              : cutoff.truncatedTo(ChronoUnit.MICROS).plusNanos(1000);
          model.values().stream().filter(l -> l != null)
              .forEach(l -> l.removeIf(e -> e.at().isBefore(c)));
        }
        compare(index, model, r, seed, s, step);
      }
    }
  }

  private void recordRandom(ContactIndex index, Map<String, List<Ev>> model, SplittableRandom r,
      int count) {
    List<String> ids = model.entrySet().stream().filter(e -> e.getValue() != null)
        .map(Map.Entry::getKey).toList();
    index.update(b -> {
      for (int i = 0; i < count; i++) {
        String id = ids.get(r.nextInt(ids.size()));
        Map<String, Object> props = new LinkedHashMap<>();
        for (String p : new String[] {"campaign", "amount", "url"}) {
          if (r.nextInt(3) != 0) {
            props.put(p, VALUES[r.nextInt(VALUES.length)]);
          }
        }
        Event e = Event.of(id, TYPES[r.nextInt(TYPES.length)], time(r), props);
        b.record(e);
        model.get(id).add(new Ev(e.type(), e.at(), e.props()));
      }
    });
  }

  /** Times clustered on window edges: now, now - span, local and UTC midnights, +-1 us. */
  private static Instant time(SplittableRandom r) {
    Instant anchor = switch (r.nextInt(5)) {
      case 0 -> NOW;
      case 1 -> NOW.minus(SPANS[r.nextInt(SPANS.length)].toDuration());
      case 2 -> LocalDate.of(2026, 3, 1 + r.nextInt(10))
          .atStartOfDay(ZoneId.of(ZONES[r.nextInt(ZONES.length)])).toInstant();
      case 3 -> NOW.minus(Duration.ofDays(r.nextInt(800)));
      default -> NOW.minusSeconds(r.nextLong(3 * 86_400L));
    };
    return anchor.plusNanos(1000L * (r.nextInt(3) - 1) + (r.nextInt(4) == 0 ? 500 : 0));
  }

  private void compare(ContactIndex index, Map<String, List<Ev>> model, SplittableRandom r,
      long seed, int tryNo, int step) {
    for (int k = 0; k < 4; k++) {
      Condition c = tree(r, 2 + r.nextInt(3));
      EvaluationContext ctx = EvaluationContext.of(NOW.plusSeconds(r.nextInt(3) - 1L),
          ZoneId.of(ZONES[r.nextInt(ZONES.length)]));
      String where = "seed " + seed + " (try " + tryNo + ", step " + step + "), replay with"
          + " -Dsegment.seed=" + seed + " -Dsegment.tries=1; zone " + ctx.zone() + ", now "
          + ctx.now() + "; condition " + c;
      List<String> expected;
      try {
        expected = reference(model, c, ctx);
      } catch (InvalidSegmentException e) {
        try {
          index.evaluate(c, ctx);
        } catch (InvalidSegmentException actual) {
          continue;
        }
        throw new AssertionError("engine accepted what the reference refuses: " + where, e);
      }
      assertThat(index.evaluate(c, ctx).ids()).as(where).isEqualTo(expected);
    }
  }

  private Condition tree(SplittableRandom r, int depth) {
    if (depth == 0 || r.nextInt(3) == 0) {
      return r.nextInt(5) == 0 ? new TagCondition("a") : event(r);
    }
    List<Condition> children = new ArrayList<>();
    int k = r.nextInt(3) + 1;
    for (int i = 0; i < k; i++) {
      children.add(tree(r, depth - 1));
    }
    return switch (r.nextInt(3)) {
      case 0 -> new All(children);
      case 1 -> new Any(children);
      default -> new Not(children.get(0));
    };
  }

  private EventCondition event(SplittableRandom r) {
    Integer atLeast = r.nextInt(3) == 0 ? r.nextInt(3) : null;
    Integer atMost = r.nextInt(3) == 0 ? (atLeast == null ? 0 : atLeast) + r.nextInt(3) : null;
    List<PropertyFilter> filters = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      filters.add(filter(r));
    }
    EventWindow window = switch (r.nextInt(4)) {
      case 0 -> null;
      case 1, 2 -> new EventWindow.Last(SPANS[r.nextInt(SPANS.length)]);
      default -> range(r);
    };
    return new EventCondition(TYPES[r.nextInt(TYPES.length)], filters, atLeast, atMost, window,
        null);
  }

  private static EventWindow range(SplittableRandom r) {
    Literal.Text from = r.nextInt(4) == 0 ? null : bound(r, true);
    Literal.Text to = from != null && r.nextInt(4) == 0 ? null : bound(r, false);
    try {
      return new EventWindow.Range(from, to);
    } catch (IllegalArgumentException sameFormNotBefore) {
      return new EventWindow.Range(from, null); // equal or reversed bounds of one form
    }
  }

  private static Literal.Text bound(SplittableRandom r, boolean early) {
    if (r.nextBoolean()) {
      return new Literal.Text(LocalDate.of(2026, 3, early ? 1 + r.nextInt(5) : 5 + r.nextInt(6))
          .toString());
    }
    Instant i = early ? NOW.minus(Duration.ofDays(r.nextInt(20))) : NOW.minusSeconds(r.nextInt(90_000));
    return new Literal.Text(i.toString());
  }

  private PropertyFilter filter(SplittableRandom r) {
    PropertyFilter.Op op = PropertyFilter.Op.values()[r.nextInt(PropertyFilter.Op.values().length)];
    String prop = new String[] {"campaign", "amount", "url", "missing"}[r.nextInt(4)];
    Operand operand = switch (op.shape()) {
      case NONE -> Operand.None.INSTANCE;
      case RANGE -> {
        double lo = r.nextInt(4) * 50 - 50;
        yield new Operand.Range(Literal.of(lo), Literal.of(lo + r.nextInt(3) * 50.5));
      }
      case VALUES -> {
        List<Literal> l = new ArrayList<>();
        boolean numbers = r.nextBoolean();
        for (int i = r.nextInt(3); i >= 0; i--) {
          l.add(numbers ? Literal.of(new double[] {0, 1, 100, 100.5}[r.nextInt(4)])
              : Literal.of(new String[] {"spring-sale", "crm", "", "1"}[r.nextInt(4)]));
        }
        yield new Operand.Values(l);
      }
      default -> new Operand.Single(switch (op) {
        case GT, GTE, LT, LTE -> Literal.of(new double[] {0, 1, 100, 100.5}[r.nextInt(4)]);
        case CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH ->
            Literal.of(new String[] {"spring", "SALE", "crm", "https", "demo", "1"}[r.nextInt(6)]);
        default -> literal(VALUES[r.nextInt(VALUES.length)]);
      });
    };
    opsSeen.add(op);
    return new PropertyFilter(prop, op, operand, op.isPattern() && r.nextBoolean());
  }

  private static Literal literal(Object v) {
    if (v instanceof String s) {
      return Literal.of(s);
    }
    if (v instanceof Boolean b) {
      return Literal.of(b);
    }
    return Literal.of(((Number) v).doubleValue());
  }

  // ---- the reference: a loop over contacts and their events, straight from the spec ----

  private List<String> reference(Map<String, List<Ev>> model, Condition c,
      EvaluationContext ctx) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<Ev>> e : model.entrySet()) {
      if (e.getValue() != null && matches(e.getKey(), e.getValue(), c, ctx)) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  private boolean matches(String id, List<Ev> events, Condition c, EvaluationContext ctx) {
    if (c instanceof All a) {
      boolean result = true;
      for (Condition x : a.conditions()) {
        result &= matches(id, events, x, ctx); // every child, so errors surface as in the engine
      }
      return result;
    }
    if (c instanceof Any a) {
      boolean result = false;
      for (Condition x : a.conditions()) {
        result |= matches(id, events, x, ctx);
      }
      return result;
    }
    if (c instanceof Not n) {
      return !matches(id, events, n.condition(), ctx);
    }
    if (c instanceof TagCondition t) {
      return t.pattern().equals(tags.get(id));
    }
    EventCondition e = (EventCondition) c;
    Instant from = null;
    Instant to = null;
    boolean toInclusive = false;
    if (e.window() instanceof EventWindow.Last last) {
      from = ctx.now().minus(last.span().toDuration());
      to = ctx.now();
      toInclusive = true;
    } else if (e.window() instanceof EventWindow.Range range) {
      from = range.from() == null ? null : instant(range.from(), ctx);
      to = range.to() == null ? null : instant(range.to(), ctx);
      if (from != null && to != null && !from.isBefore(to)) {
        throw new InvalidSegmentException("/within", "from must be before to");
      }
    }
    int count = 0;
    for (Ev ev : events) {
      boolean inWindow = true;
      if (e.window() instanceof EventWindow.Last) {
        inWindow = ev.at().isAfter(from) && !ev.at().isAfter(to);
      } else if (e.window() != null) {
        inWindow = (from == null || !ev.at().isBefore(from)) && (to == null || ev.at().isBefore(to));
      }
      if (ev.type().equals(e.type()) && inWindow && e.filters().stream()
          .allMatch(f -> holds(f, ev.props().get(f.prop())))) {
        count++;
      }
    }
    int atLeast = e.atLeast() != null ? e.atLeast() : e.atMost() == null ? 1 : 0;
    int atMost = e.atMost() != null ? e.atMost() : Integer.MAX_VALUE;
    return atLeast <= count && count <= atMost;
  }

  private static Instant instant(Literal.Text t, EvaluationContext ctx) {
    String s = t.value();
    return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ctx.zone()).toInstant()
        : Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s));
  }

  private static boolean holds(PropertyFilter f, Object v) {
    switch (f.op()) {
      case IS_SET:
        return v != null;
      case IS_NOT_SET:
        return v == null;
      default:
        if (v == null) {
          return false;
        }
    }
    Operand o = f.operand();
    switch (f.op()) {
      case EQ:
        return same(v, ((Operand.Single) o).value());
      case NEQ:
        return !same(v, ((Operand.Single) o).value());
      case IN:
        return ((Operand.Values) o).values().stream().anyMatch(l -> same(v, l));
      case NOT_IN:
        return ((Operand.Values) o).values().stream().noneMatch(l -> same(v, l));
      case GT:
      case GTE:
      case LT:
      case LTE: {
        if (!(v instanceof Double d)) {
          return false;
        }
        double x = ((Literal.Number) ((Operand.Single) o).value()).value();
        return switch (f.op()) {
          case GT -> d > x;
          case GTE -> d >= x;
          case LT -> d < x;
          default -> d <= x;
        };
      }
      case BETWEEN: {
        Operand.Range range = (Operand.Range) o;
        return v instanceof Double d && ((Literal.Number) range.lo()).value() <= d
            && d <= ((Literal.Number) range.hi()).value();
      }
      default: {
        if (!(v instanceof String s)) {
          return false;
        }
        String p = ((Literal.Text) ((Operand.Single) o).value()).value();
        if (f.ignoreCase()) {
          s = s.toLowerCase(Locale.ROOT);
          p = p.toLowerCase(Locale.ROOT);
        }
        return switch (f.op()) {
          case CONTAINS -> s.contains(p);
          case NOT_CONTAINS -> !s.contains(p);
          case STARTS_WITH -> s.startsWith(p);
          default -> s.endsWith(p);
        };
      }
    }
  }

  private static boolean same(Object v, Literal l) {
    if (l instanceof Literal.Text t) {
      return v instanceof String s && s.equals(t.value());
    }
    if (l instanceof Literal.Number n) {
      return v instanceof Double d && d.doubleValue() == n.value();
    }
    return v instanceof Boolean b && b == ((Literal.Bool) l).value();
  }
}
