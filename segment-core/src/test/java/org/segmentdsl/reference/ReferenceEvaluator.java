package org.segmentdsl.reference;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.condition.TimeSpan;

/**
 * The plain reference for segment-format.md sections 1 and 3.1-3.7: a loop over the contacts that
 * tests each one against the condition tree exactly as the spec words it; an event condition is a
 * loop over the contact's events that counts those of the type, in the window and passing every
 * filter; a deal condition is a loop over the contact's deals that looks for one deal on which
 * the whole inner condition holds (its {@code not} taken on that deal); an account condition
 * looks the contact's account up and tests it (no account: no match); a segment reference tests
 * the referenced segment's condition, taken from the context's registry, on the contact (each
 * referenced segment's members are worked out once per evaluation). Field conditions inside deals
 * and accounts are the contact field conditions, read on the deal's or account's fields with the
 * schema's deal or account field types. No bitmaps, no keys, no microsecond arithmetic, no
 * planning, nothing shared with the library's evaluator: only the condition records are read.
 *
 * <p>The errors it knows: a reference to a segment the registry does not hold, and a chain of
 * references that comes back to a segment it started from ({@link InvalidReference}, looked for
 * first, through every reference reachable from the condition); and the ones that depend on the
 * context: a datetime {@code between} whose bounds, read in the context's zone (a bare date is
 * midnight there), have {@code lo > hi}, and an event window {@code from}/{@code to} whose
 * bounds, read so, do not have {@code from < to}, anywhere in the condition, the deal and
 * account conditions in it and the segments it references ({@link InvalidRange}). Then the whole
 * evaluation fails.
 */
final class ReferenceEvaluator {
  /** Earth radius of the spec, km. */
  static final double EARTH_RADIUS_KM = 6371.0088;

  /** One mile, km. */
  static final double MILE_KM = 1.609344;

  private static final Pattern BARE_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** The condition cannot be evaluated in this context. */
  static final class InvalidRange extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidRange(String message) {
      super(message);
    }
  }

  /** A segment reference the registry cannot resolve: an unknown id, or a cycle. */
  static final class InvalidReference extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The ids of the cycle, first and last the same; empty for an unknown id. */
    final List<String> cycle;

    InvalidReference(String message, List<String> cycle) {
      super(message);
      this.cycle = List.copyOf(cycle);
    }
  }

  private final Schema schema;
  private final ReferenceModel.State state;
  private final SegmentRegistry registry;
  private final Instant now;
  private final ZoneId zone;
  private final LocalDate today;
  /** The members of each referenced segment, worked out once per evaluation. */
  private final Map<String, Set<String>> members = new HashMap<>();
  /** Datetime literals and window bounds, read in this context's zone. */
  private final Map<String, Instant> instants = new HashMap<>();

  private ReferenceEvaluator(ReferenceModel.State state, Schema schema,
      EvaluationContext context) {
    this.schema = schema;
    this.state = state;
    this.registry = context.segments();
    this.now = context.now();
    this.zone = context.zone();
    this.today = LocalDate.ofInstant(now, zone); // section 1: today is the date of now in zone
  }

  /**
   * The ids of the contacts (given in the index's order) that match {@code condition}.
   *
   * @throws InvalidReference if a reference reachable from the condition is unknown or in a cycle
   * @throws InvalidRange if a datetime {@code between} has {@code lo > hi} in this context, or an
   *     event window {@code from >= to}
   */
  static List<String> evaluate(ReferenceModel.State state, Schema schema, Condition condition,
      EvaluationContext context) {
    ReferenceEvaluator r = new ReferenceEvaluator(state, schema, context);
    r.checkReferences(condition, new ArrayList<>(), new HashSet<>());
    r.checkRanges(condition, schema.contactFields(), new HashSet<>());
    List<String> out = new ArrayList<>();
    for (RefContact c : state.contacts()) {
      if (r.matches(c, condition)) {
        out.add(c.id());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- 3.6 errors of references

  /**
   * Walks every reference reachable from {@code c}. {@code path} holds the ids being walked
   * (a reference back to one of them is a cycle), {@code sound} those walked without a problem.
   */
  private void checkReferences(Condition c, List<String> path, Set<String> sound) {
    if (c instanceof All a) {
      a.conditions().forEach(x -> checkReferences(x, path, sound));
    } else if (c instanceof Any a) {
      a.conditions().forEach(x -> checkReferences(x, path, sound));
    } else if (c instanceof Not n) {
      checkReferences(n.condition(), path, sound);
    } else if (c instanceof SegmentReference r) {
      String id = r.segmentId();
      int at = path.indexOf(id);
      if (at >= 0) {
        List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
        cycle.add(id);
        throw new InvalidReference("segment reference cycle: " + String.join(" -> ", cycle),
            cycle);
      }
      if (sound.contains(id)) {
        return;
      }
      Segment target = registry.get(id).orElseThrow(
          () -> new InvalidReference("unknown segment \"" + id + "\"", List.of()));
      path.add(id);
      checkReferences(target.condition(), path, sound);
      path.remove(path.size() - 1);
      sound.add(id);
    }
    // deal and account conditions hold no references
  }

  // ---------------------------------------------------------------- errors that need the zone

  /**
   * Looks for the context's errors in {@code c}, whose field conditions read fields of {@code
   * types}, and in every deal and account condition and referenced segment in it ({@code seen}:
   * the referenced segments already looked at).
   */
  private void checkRanges(Condition c, Map<String, FieldType> types, Set<String> seen) {
    if (c instanceof All a) {
      a.conditions().forEach(x -> checkRanges(x, types, seen));
    } else if (c instanceof Any a) {
      a.conditions().forEach(x -> checkRanges(x, types, seen));
    } else if (c instanceof Not n) {
      checkRanges(n.condition(), types, seen);
    } else if (c instanceof DealCondition d) {
      checkRanges(d.where(), schema.dealFields(), seen);
    } else if (c instanceof AccountCondition a) {
      checkRanges(a.where(), schema.accountFields(), seen);
    } else if (c instanceof SegmentReference r) {
      if (seen.add(r.segmentId())) {
        checkRanges(registry.get(r.segmentId()).orElseThrow().condition(),
            schema.contactFields(), seen);
      }
    } else if (c instanceof FieldCondition f && f.operand() instanceof Operand.Range r
        && type(types, f) == FieldType.DATETIME) {
      Instant lo = instant(r.lo());
      Instant hi = instant(r.hi());
      if (lo.isAfter(hi)) {
        throw new InvalidRange("between " + lo + " and " + hi + " in " + zone);
      }
    } else if (c instanceof EventCondition e && e.window() instanceof EventWindow.Range r
        && r.from() != null && r.to() != null) {
      Instant from = instant(r.from());
      Instant to = instant(r.to());
      if (!from.isBefore(to)) { // 3.5: T1 < T2
        throw new InvalidRange("event window from " + from + " to " + to + " in " + zone);
      }
    }
  }

  // ---------------------------------------------------------------- 3.1 boolean

  private boolean matches(RefContact c, Condition cond) {
    if (cond instanceof All a) {
      for (Condition child : a.conditions()) { // [] matches everyone
        if (!matches(c, child)) {
          return false;
        }
      }
      return true;
    }
    if (cond instanceof Any a) {
      for (Condition child : a.conditions()) { // [] matches no one
        if (matches(c, child)) {
          return true;
        }
      }
      return false;
    }
    if (cond instanceof Not n) {
      return !matches(c, n.condition()); // c is in the universe
    }
    if (cond instanceof TagCondition t) {
      return tag(c, t);
    }
    if (cond instanceof ListCondition l) {
      return list(c, l);
    }
    if (cond instanceof FieldCondition f) {
      return field(c.fields(), schema.contactFields(), f);
    }
    if (cond instanceof EventCondition e) {
      return event(c, e);
    }
    if (cond instanceof DealCondition d) {
      return deal(c, d);
    }
    if (cond instanceof AccountCondition a) {
      return account(c, a);
    }
    if (cond instanceof SegmentReference r) {
      return segment(c, r);
    }
    throw new IllegalStateException("unknown condition " + cond);
  }

  // ---------------------------------------------------------------- 3.6 segment reference

  /** Whether the contact is a member of the referenced segment, in this context. */
  private boolean segment(RefContact c, SegmentReference r) {
    return membersOf(r.segmentId()).contains(c.id());
  }

  /** The members of a registry segment: its condition tested on every contact. */
  private Set<String> membersOf(String id) {
    Set<String> known = members.get(id);
    if (known != null) {
      return known;
    }
    Condition where = registry.get(id).orElseThrow().condition();
    Set<String> out = new HashSet<>();
    for (RefContact c : state.contacts()) {
      if (matches(c, where)) {
        out.add(c.id());
      }
    }
    members.put(id, out);
    return out;
  }

  // ---------------------------------------------------------------- 3.7 deals and accounts

  /**
   * The ids of a contact's deals on which {@code where} holds, taken on each deal alone (3.7),
   * sorted: what {@code why} lists below a {@code deal} node.
   */
  static List<String> dealsWhere(ReferenceModel.State state, Schema schema,
      EvaluationContext context, String contactId, Condition where) {
    ReferenceEvaluator r = new ReferenceEvaluator(state, schema, context);
    List<String> out = new ArrayList<>();
    for (RefDeal deal : state.dealsOf(contactId)) {
      if (r.entity(deal.fields(), schema.dealFields(), where)) {
        out.add(deal.id());
      }
    }
    out.sort(null);
    return out;
  }


  /** At least one of the contact's deals satisfies the whole inner condition. */
  private boolean deal(RefContact c, DealCondition d) {
    for (RefDeal deal : state.dealsOf(c.id())) {
      if (entity(deal.fields(), schema.dealFields(), d.where())) {
        return true;
      }
    }
    return false; // also: no deals at all
  }

  /** The contact has an account, and it satisfies the inner condition. */
  private boolean account(RefContact c, AccountCondition a) {
    if (c.account() == null) {
      return false;
    }
    RefAccount account = state.accounts().get(c.account());
    if (account == null) {
      throw new IllegalStateException("the model links " + c.id() + " to a missing account "
          + c.account());
    }
    return entity(account.fields(), schema.accountFields(), a.where());
  }

  /**
   * One deal or account against an inner condition: all, any and not as in 3.1, taken on this
   * one entity; field conditions as in 3.4, on its fields.
   */
  private boolean entity(Map<String, Object> fields, Map<String, FieldType> types,
      Condition cond) {
    if (cond instanceof All a) {
      for (Condition child : a.conditions()) {
        if (!entity(fields, types, child)) {
          return false;
        }
      }
      return true;
    }
    if (cond instanceof Any a) {
      for (Condition child : a.conditions()) {
        if (entity(fields, types, child)) {
          return true;
        }
      }
      return false;
    }
    if (cond instanceof Not n) {
      return !entity(fields, types, n.condition());
    }
    if (cond instanceof FieldCondition f) {
      return field(fields, types, f);
    }
    throw new IllegalStateException("not a deal or account building block: " + cond);
  }

  // ---------------------------------------------------------------- 3.5 event

  /**
   * Counts the contact's events of the type whose time lies in the window and whose properties
   * satisfy every filter; matches when {@code atLeast <= count <= atMost}. {@code atLeast}
   * defaults to 1 when neither bound is given, else 0; {@code atMost} is open when not given.
   */
  private boolean event(RefContact c, EventCondition e) {
    long count = 0;
    for (RefContact.RefEvent ev : c.events()) {
      if (ev.type().equals(e.type()) && inWindow(ev.at(), e.window())
          && allFilters(e.filters(), ev.props())) {
        count++;
      }
    }
    long atLeast = e.atLeast() != null ? e.atLeast() : e.atMost() == null ? 1 : 0;
    long atMost = e.atMost() != null ? e.atMost() : Long.MAX_VALUE;
    return atLeast <= count && count <= atMost;
  }

  /** No window: every event; {@code last D}: {@code now - D < t <= now}; else {@code from <= t < to}. */
  private boolean inWindow(Instant t, EventWindow w) {
    if (w == null) {
      return true;
    }
    if (w instanceof EventWindow.Last last) {
      return now.minus(exact(last.span())).isBefore(t) && !t.isAfter(now);
    }
    EventWindow.Range r = (EventWindow.Range) w;
    return (r.from() == null || !t.isBefore(instant(r.from())))
        && (r.to() == null || t.isBefore(instant(r.to())));
  }

  private static boolean allFilters(List<PropertyFilter> filters, Map<String, Object> props) {
    for (PropertyFilter f : filters) { // all must hold on the same event
      if (!filter(f, props)) {
        return false;
      }
    }
    return true;
  }

  /**
   * One property filter. {@code eq}, {@code in}, the comparisons, {@code between} and the
   * patterns hold only when the property is present and of the filter value's JSON type; {@code
   * neq} is "set and not eq", {@code notIn} "set and not in", {@code notContains} "a string that
   * does not contain".
   */
  private static boolean filter(PropertyFilter f, Map<String, Object> props) {
    boolean set = props.containsKey(f.prop());
    Object v = props.get(f.prop());
    switch (f.op()) {
      case IS_SET:
        return set;
      case IS_NOT_SET:
        return !set;
      case EQ:
        return set && sameValue(v, propSingle(f));
      case NEQ:
        return set && !sameValue(v, propSingle(f));
      case IN:
        return set && inValues(v, f);
      case NOT_IN:
        return set && !inValues(v, f);
      case GT:
        return v instanceof Double d && d > num(propSingle(f));
      case GTE:
        return v instanceof Double d && d >= num(propSingle(f));
      case LT:
        return v instanceof Double d && d < num(propSingle(f));
      case LTE:
        return v instanceof Double d && d <= num(propSingle(f));
      case BETWEEN: {
        Operand.Range r = (Operand.Range) f.operand();
        return v instanceof Double d && num(r.lo()) <= d && d <= num(r.hi());
      }
      case CONTAINS:
        return v instanceof String s
            && stringOp(s, text(propSingle(f)), TagCondition.Op.CONTAINS, f.ignoreCase());
      case NOT_CONTAINS:
        return v instanceof String s
            && !stringOp(s, text(propSingle(f)), TagCondition.Op.CONTAINS, f.ignoreCase());
      case STARTS_WITH:
        return v instanceof String s
            && stringOp(s, text(propSingle(f)), TagCondition.Op.STARTS_WITH, f.ignoreCase());
      case ENDS_WITH:
        return v instanceof String s
            && stringOp(s, text(propSingle(f)), TagCondition.Op.ENDS_WITH, f.ignoreCase());
      default:
        throw new IllegalStateException(f.op().toString());
    }
  }

  private static Literal propSingle(PropertyFilter f) {
    return ((Operand.Single) f.operand()).value();
  }

  private static boolean inValues(Object v, PropertyFilter f) {
    for (Literal l : ((Operand.Values) f.operand()).values()) {
      if (sameValue(v, l)) {
        return true;
      }
    }
    return false;
  }

  /** Same JSON type and equal: strings by character, numbers by value, booleans. */
  private static boolean sameValue(Object v, Literal l) {
    if (l instanceof Literal.Text t) {
      return v instanceof String s && s.equals(t.value());
    }
    if (l instanceof Literal.Number n) {
      return v instanceof Double d && d.doubleValue() == n.value(); // -0.0 == 0.0
    }
    return v instanceof Boolean b && b.booleanValue() == ((Literal.Bool) l).value();
  }

  // ---------------------------------------------------------------- 3.2 tag

  private static boolean tag(RefContact c, TagCondition t) {
    for (String tag : c.tags()) {
      if (stringOp(tag, t.pattern(), t.op(), t.ignoreCase())) {
        return true;
      }
    }
    return false;
  }

  private static boolean stringOp(String value, String pattern, TagCondition.Op op,
      boolean ignoreCase) {
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    switch (op) {
      case EQ:
        return v.equals(p);
      case STARTS_WITH:
        return v.startsWith(p);
      case ENDS_WITH:
        return v.endsWith(p);
      case CONTAINS:
        return v.contains(p);
      default:
        throw new IllegalStateException(op.toString());
    }
  }

  // ---------------------------------------------------------------- 3.3 list

  private static boolean list(RefContact c, ListCondition l) {
    ListStatus status = c.lists().get(l.list());
    if (status == null) {
      return false;
    }
    return l.status() == null || l.status() == status; // null: any status on that list
  }

  // ---------------------------------------------------------------- 3.4 field

  private static FieldType type(Map<String, FieldType> types, FieldCondition f) {
    FieldType type = types.get(f.field());
    if (type == null) {
      throw new IllegalStateException("generated a condition on an undeclared field: " + f);
    }
    return type;
  }

  /** A field condition on the fields of a contact, deal or account, whose types are given. */
  private boolean field(Map<String, Object> fields, Map<String, FieldType> types,
      FieldCondition f) {
    FieldType type = type(types, f);
    Object v = fields.get(f.field());
    switch (f.op()) {
      case IS_NOT_SET:
        return v == null; // the only op that matches unset contacts
      case IS_SET:
        return v != null;
      default:
        break;
    }
    if (v == null) {
      return false; // every other op: "matches contacts whose field is set and ..."
    }
    switch (type) {
      case STRING:
        return string((String) v, f);
      case NUMBER:
        return number((Double) v, f);
      case DATE:
        return date((LocalDate) v, f);
      case DATETIME:
        return datetime((Instant) v, f);
      case BOOLEAN:
        return bool((Boolean) v, f);
      case GEO:
        return geo((GeoPoint) v, f);
      default:
        throw new IllegalStateException(type.toString());
    }
  }

  private static Literal single(FieldCondition f) {
    return ((Operand.Single) f.operand()).value();
  }

  private static List<Literal> values(FieldCondition f) {
    return ((Operand.Values) f.operand()).values();
  }

  private static Operand.Range range(FieldCondition f) {
    return (Operand.Range) f.operand();
  }

  private static String text(Literal l) {
    return ((Literal.Text) l).value();
  }

  // string: exact by character, or both sides in lower case (Locale.ROOT) with ignoreCase

  private static boolean string(String v, FieldCondition f) {
    boolean ic = f.ignoreCase();
    switch (f.op()) {
      case EQ:
        return stringOp(v, text(single(f)), TagCondition.Op.EQ, ic);
      case NEQ:
        return !stringOp(v, text(single(f)), TagCondition.Op.EQ, ic);
      case IN:
        return stringIn(v, f, ic);
      case NOT_IN:
        return !stringIn(v, f, ic);
      case CONTAINS:
        return stringOp(v, text(single(f)), TagCondition.Op.CONTAINS, ic);
      case NOT_CONTAINS:
        return !stringOp(v, text(single(f)), TagCondition.Op.CONTAINS, ic);
      case STARTS_WITH:
        return stringOp(v, text(single(f)), TagCondition.Op.STARTS_WITH, ic);
      case ENDS_WITH:
        return stringOp(v, text(single(f)), TagCondition.Op.ENDS_WITH, ic);
      default:
        throw new IllegalStateException(f.op() + " on a string field");
    }
  }

  private static boolean stringIn(String v, FieldCondition f, boolean ic) {
    for (Literal l : values(f)) {
      if (stringOp(v, text(l), TagCondition.Op.EQ, ic)) {
        return true;
      }
    }
    return false;
  }

  // number: IEEE-754 doubles compared by value (-0.0 == 0.0 holds for Java's double ==)

  private static double num(Literal l) {
    return ((Literal.Number) l).value();
  }

  private static boolean number(double v, FieldCondition f) {
    switch (f.op()) {
      case EQ:
        return v == num(single(f));
      case NEQ:
        return !(v == num(single(f)));
      case IN:
        return numberIn(v, f);
      case NOT_IN:
        return !numberIn(v, f);
      case GT:
        return v > num(single(f));
      case GTE:
        return v >= num(single(f));
      case LT:
        return v < num(single(f));
      case LTE:
        return v <= num(single(f));
      case BETWEEN:
        return num(range(f).lo()) <= v && v <= num(range(f).hi());
      default:
        throw new IllegalStateException(f.op() + " on a number field");
    }
  }

  private static boolean numberIn(double v, FieldCondition f) {
    for (Literal l : values(f)) {
      if (v == num(l)) {
        return true;
      }
    }
    return false;
  }

  // date: calendar dates; windows in calendar days from today

  private static LocalDate dateLiteral(Literal l) {
    return LocalDate.parse(text(l));
  }

  /** N of a date window: the number of calendar days (weeks count 7). */
  private static long days(TimeSpan s) {
    if (s.hours() != 0 || s.minutes() != 0 || s.seconds() != 0) {
      throw new IllegalStateException("generated a date window with hours: " + s);
    }
    return s.weeks() * 7 + s.days();
  }

  private static TimeSpan span(FieldCondition f) {
    return ((Operand.Span) f.operand()).span();
  }

  private boolean date(LocalDate v, FieldCondition f) {
    switch (f.op()) {
      case EQ:
        return v.compareTo(dateLiteral(single(f))) == 0;
      case NEQ:
        return v.compareTo(dateLiteral(single(f))) != 0;
      case GT:
        return v.compareTo(dateLiteral(single(f))) > 0;
      case GTE:
        return v.compareTo(dateLiteral(single(f))) >= 0;
      case LT:
        return v.compareTo(dateLiteral(single(f))) < 0;
      case LTE:
        return v.compareTo(dateLiteral(single(f))) <= 0;
      case BETWEEN:
        return dateLiteral(range(f).lo()).compareTo(v) <= 0
            && v.compareTo(dateLiteral(range(f).hi())) <= 0;
      case IN_LAST: { // today - N < v <= today
        long n = days(span(f));
        return today.minusDays(n).compareTo(v) < 0 && v.compareTo(today) <= 0;
      }
      case OLDER_THAN: // v <= today - N
        return v.compareTo(today.minusDays(days(span(f)))) <= 0;
      case IN_NEXT: { // today <= v < today + N
        long n = days(span(f));
        return today.compareTo(v) <= 0 && v.compareTo(today.plusDays(n)) < 0;
      }
      case ANNIVERSARY: {
        // month and day equal today's; 29 February matches 28 February in non-leap years;
        // on 29 February of a leap year only 29 February matches
        MonthDay mine = MonthDay.from(v);
        MonthDay todays = MonthDay.from(today);
        if (mine.equals(todays)) {
          return true;
        }
        return mine.equals(MonthDay.of(Month.FEBRUARY, 29))
            && todays.equals(MonthDay.of(Month.FEBRUARY, 28)) && !today.isLeapYear();
      }
      default:
        throw new IllegalStateException(f.op() + " on a date field");
    }
  }

  // datetime: instants; a bare date is 00:00 of that date in the zone; windows exact durations

  private Instant instant(Literal l) {
    // parsed once per evaluation: the same literal is read for every contact, deal and event
    return instants.computeIfAbsent(text(l), s -> BARE_DATE.matcher(s).matches()
        ? LocalDate.parse(s).atStartOfDay(zone).toInstant()
        : OffsetDateTime.parse(s).toInstant());
  }

  /** A span as an exact length: a day is 24 hours, a week 7 such days. */
  private static Duration exact(TimeSpan s) {
    return Duration.ofDays(s.weeks() * 7 + s.days()).plusHours(s.hours())
        .plusMinutes(s.minutes()).plusSeconds(s.seconds());
  }

  private boolean datetime(Instant v, FieldCondition f) {
    switch (f.op()) {
      case EQ:
        return v.equals(instant(single(f)));
      case NEQ:
        return !v.equals(instant(single(f)));
      case GT:
        return v.isAfter(instant(single(f)));
      case GTE:
        return !v.isBefore(instant(single(f)));
      case LT:
        return v.isBefore(instant(single(f)));
      case LTE:
        return !v.isAfter(instant(single(f)));
      case BETWEEN:
        return !instant(range(f).lo()).isAfter(v) && !v.isAfter(instant(range(f).hi()));
      case IN_LAST: // now - D < v <= now
        return now.minus(exact(span(f))).isBefore(v) && !v.isAfter(now);
      case OLDER_THAN: // v <= now - D
        return !v.isAfter(now.minus(exact(span(f))));
      case IN_NEXT: // now <= v < now + D
        return !now.isAfter(v) && v.isBefore(now.plus(exact(span(f))));
      default:
        throw new IllegalStateException(f.op() + " on a datetime field");
    }
  }

  // boolean

  private static boolean bool(boolean v, FieldCondition f) {
    boolean l = ((Literal.Bool) single(f)).value();
    switch (f.op()) {
      case EQ:
        return v == l;
      case NEQ:
        return v != l;
      default:
        throw new IllegalStateException(f.op() + " on a boolean field");
    }
  }

  // geo: great-circle distance by haversine at most the radius

  private static boolean geo(GeoPoint v, FieldCondition f) {
    if (f.op() != org.segmentdsl.condition.FieldOperator.WITHIN) {
      throw new IllegalStateException(f.op() + " on a geo field");
    }
    Operand.Circle c = (Operand.Circle) f.operand();
    double km = c.unit() == Operand.DistanceUnit.KM ? c.radius() : c.radius() * MILE_KM;
    return haversineKm(c.lat(), c.lon(), v.lat(), v.lon()) <= km;
  }

  /** Great-circle distance between two points in degrees, haversine formula, in km. */
  static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(lon2 - lon1);
    double sinPhi = Math.sin(dPhi / 2);
    double sinLambda = Math.sin(dLambda / 2);
    double h = sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * sinLambda * sinLambda;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
  }
}
