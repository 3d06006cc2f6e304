package org.segmentdsl.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.segmentdsl.InvalidSegmentException.Problem;
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
import org.segmentdsl.eval.ConditionChecker;

/**
 * Turns a parsed {@code segment/v1} document into a {@link Segment}, collecting every problem
 * with its JSON Pointer. Recursion follows the JSON nesting, which the parser caps, and stops at
 * the format's depth: conditions and {@code x-} values deeper than 32 levels are problems.
 */
final class SegmentReader {
  static final int MAX_STRING = 1024;
  private static final Set<String> KINDS = Set.of("all", "any", "not", "tag", "list", "field",
      "event", "segment", "deal", "account");
  /** The kinds that nest conditions: each is one level of the format's depth limit. */
  private static final Set<String> GROUPS = Set.of("all", "any", "not", "deal", "account");
  /** How deep {@code x-} values may nest (segment-format.md section 4). */
  static final int MAX_METADATA_DEPTH = 32;
  private static final Set<String> DOCUMENT_KEYS = Set.of("format", "id", "name", "description",
      "where");

  private final List<Problem> problems = new ArrayList<>();
  /** How many groups ({@link #GROUPS}) enclose the condition being read. */
  private int groups;

  /** Stops reading once the problem limit is reached. */
  static final class Full extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Full() {
      super(null, null, false, false);
    }
  }

  List<Problem> problems() {
    return problems;
  }

  private void problem(String pointer, String message) {
    problems.add(new Problem(pointer, message));
    if (problems.size() >= SegmentFormatException.MAX_PROBLEMS) {
      throw new Full();
    }
  }

  /** The segment, or null if there were problems. */
  Segment document(Object root) {
    if (!(root instanceof Map<?, ?> map)) {
      problem("", "a segment document is a JSON object, got " + kind(root));
      return null;
    }
    Map<String, Object> doc = cast(map);
    Object format = doc.get("format");
    if (!doc.containsKey("format")) {
      problem("", "\"format\" is required (\"segment/v1\")");
    } else if (!"segment/v1".equals(format)) {
      problem("/format", "must be \"segment/v1\", got " + show(format));
    }
    String id = optionalString(doc, "id", "");
    if (id != null && !Segment.isValidId(id)) {
      problem("/id", "must match [a-z0-9][a-z0-9._-]{0,127}, got " + show(id));
      id = null;
    }
    String name = optionalString(doc, "name", "");
    if (name != null && name.length() > 200) {
      problem("/name", "is " + name.length() + " characters long; at most 200 allowed");
    }
    String description = optionalString(doc, "description", "");
    if (description != null && description.length() > 4000) {
      problem("/description", "is " + description.length()
          + " characters long; at most 4000 allowed");
    }
    TreeMap<String, String> metadata = new TreeMap<>();
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      String key = e.getKey();
      if (key.startsWith("x-")) {
        String tooDeep = deeperThan(e.getValue(), MAX_METADATA_DEPTH, "/" + Pointers.escape(key));
        if (tooDeep != null) {
          problem(tooDeep, "user metadata nests deeper than " + MAX_METADATA_DEPTH + " levels");
        } else {
          metadata.put(key, JsonText.write(e.getValue()));
        }
      } else if (!DOCUMENT_KEYS.contains(key)) {
        problem("/" + Pointers.escape(key), "unknown key (a segment has format, id, name, "
            + "description, where and x-… keys)");
      }
    }
    Condition where = null;
    if (!doc.containsKey("where")) {
      problem("", "\"where\" is required");
    } else {
      where = condition(doc.get("where"), "/where", false);
    }
    if (!problems.isEmpty() || where == null) {
      return null;
    }
    return new Segment(id, name, description, where, metadata);
  }

  /**
   * The pointer of the first object or array in {@code value} nested more than {@code levels}
   * deep (a value that is an object or array is one level), or null if there is none.
   */
  private static String deeperThan(Object value, int levels, String pointer) {
    if (!(value instanceof Map || value instanceof List || value instanceof JsonTree.TooDeep)) {
      return null;
    }
    if (levels == 0) {
      return pointer;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String deep = deeperThan(e.getValue(), levels - 1,
            pointer + "/" + Pointers.escape((String) e.getKey()));
        if (deep != null) {
          return deep;
        }
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String deep = deeperThan(list.get(i), levels - 1, pointer + "/" + i);
        if (deep != null) {
          return deep;
        }
      }
    }
    return null;
  }

  /** A condition at {@code pointer}; null (with problems) if it is not one. */
  private Condition condition(Object value, String pointer, boolean related) {
    if (!(value instanceof Map<?, ?> map)) {
      problem(pointer, "a condition is a JSON object, got " + kind(value));
      return null;
    }
    Map<String, Object> c = cast(map);
    List<String> kinds = new ArrayList<>();
    for (String key : c.keySet()) {
      if (KINDS.contains(key)) {
        kinds.add(key);
      }
    }
    if (kinds.size() != 1) {
      problem(pointer, kinds.isEmpty()
          ? "a condition needs one kind key: all, any, not, tag, list, field, event, segment, "
              + "deal or account"
          : "a condition has exactly one kind key, got " + String.join(", ", kinds));
      return null;
    }
    String kind = kinds.get(0);
    String label = optionalString(c, "label", pointer);
    if (label != null && label.length() > 200) {
      problem(pointer + "/label", "is " + label.length() + " characters long; at most 200 allowed");
      label = null;
    }
    boolean group = GROUPS.contains(kind);
    if (group && groups == ConditionChecker.MAX_DEPTH) {
      // as ConditionChecker says it; reading no deeper keeps the reader's recursion bounded
      problem(pointer, "conditions are nested deeper than " + ConditionChecker.MAX_DEPTH
          + " levels");
      return null;
    }
    if (related && !Set.of("all", "any", "not", "field").contains(kind)) {
      problem(pointer + "/" + kind, "inside deal and account, conditions are built only from "
          + "all, any, not and field, not " + kind);
      return null;
    }
    groups += group ? 1 : 0;
    Condition built = switch (kind) {
      case "all", "any" -> group(c, kind, pointer, related);
      case "not" -> {
        allowKeys(c, pointer, "not");
        Condition child = condition(c.get("not"), pointer + "/not", related);
        yield child == null ? null : new Not(child);
      }
      case "tag" -> tag(c, pointer);
      case "list" -> list(c, pointer);
      case "field" -> field(c, pointer);
      case "event" -> event(c, pointer);
      case "segment" -> {
        allowKeys(c, pointer, "segment");
        String id = requiredString(c, "segment", pointer);
        if (id != null && !Segment.isValidId(id)) {
          problem(pointer + "/segment", "a segment id matches [a-z0-9][a-z0-9._-]{0,127}, got "
              + show(id));
          yield null;
        }
        yield id == null ? null : new SegmentReference(id);
      }
      default -> { // deal, account
        allowKeys(c, pointer, kind);
        Condition where = condition(c.get(kind), pointer + "/" + kind, true);
        if (where == null) {
          yield null;
        }
        yield kind.equals("deal") ? new DealCondition(where) : new AccountCondition(where);
      }
    };
    groups -= group ? 1 : 0;
    return built == null || label == null ? built : built.withLabel(label);
  }

  private Condition group(Map<String, Object> c, String kind, String pointer, boolean related) {
    allowKeys(c, pointer, kind);
    Object children = c.get(kind);
    if (!(children instanceof List<?> list)) {
      problem(pointer + "/" + kind, "expects an array of conditions, got " + kind(children));
      return null;
    }
    List<Condition> built = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < list.size(); i++) {
      Condition child = condition(list.get(i), pointer + "/" + kind + "/" + i, related);
      ok &= child != null;
      built.add(child);
    }
    if (!ok) {
      return null;
    }
    return kind.equals("all") ? new All(built) : new Any(built);
  }

  private Condition tag(Map<String, Object> c, String pointer) {
    allowKeys(c, pointer, "tag", "op", "ignoreCase");
    String tag = pattern(c, "tag", pointer);
    TagCondition.Op op = TagCondition.Op.EQ;
    if (c.containsKey("op")) {
      Object o = c.get("op");
      op = null;
      for (TagCondition.Op candidate : TagCondition.Op.values()) {
        if (candidate.jsonName().equals(o)) {
          op = candidate;
        }
      }
      if (op == null) {
        problem(pointer + "/op", "a tag op is eq, startsWith, endsWith or contains, got "
            + show(o));
      }
    }
    Boolean ignoreCase = optionalBoolean(c, "ignoreCase", pointer);
    if (tag == null || op == null || ignoreCase == null) {
      return null;
    }
    return new TagCondition(tag, op, ignoreCase, null);
  }

  private Condition list(Map<String, Object> c, String pointer) {
    allowKeys(c, pointer, "list", "status");
    String list = pattern(c, "list", pointer);
    ListStatus status = ListStatus.SUBSCRIBED;
    boolean ok = true;
    if (c.containsKey("status")) {
      Object s = c.get("status");
      if ("any".equals(s)) {
        status = null;
      } else {
        status = null;
        ok = false;
        for (ListStatus candidate : ListStatus.values()) {
          if (candidate.jsonName().equals(s)) {
            status = candidate;
            ok = true;
          }
        }
        if (!ok) {
          problem(pointer + "/status", "a list status is subscribed, unsubscribed, bounced, "
              + "unconfirmed or any, got " + show(s));
        }
      }
    }
    return list == null || !ok ? null : new ListCondition(list, status, null);
  }

  private Condition field(Map<String, Object> c, String pointer) {
    allowKeys(c, pointer, "field", "op", "value", "ignoreCase");
    String field = requiredString(c, "field", pointer);
    if (field != null && (field.isEmpty() || field.length() > MAX_STRING)) {
      problem(pointer + "/field", field.isEmpty() ? "must not be empty"
          : "is " + field.length() + " characters long; at most " + MAX_STRING + " allowed");
      field = null;
    }
    FieldOperator op = null;
    if (!c.containsKey("op")) {
      problem(pointer, "\"op\" is required");
    } else {
      Object o = c.get("op");
      op = o instanceof String name ? FieldOperator.fromJsonName(name) : null;
      if (op == null) {
        problem(pointer + "/op", "unknown operator " + show(o));
      }
    }
    Boolean ignoreCase = optionalBoolean(c, "ignoreCase", pointer);
    if (op == null || ignoreCase == null) {
      return null;
    }
    Operand operand = operand(c, op.shape(), pointer, "field");
    if (operand == null) {
      return null;
    }
    String problem = FieldCondition.problem(op, operand, ignoreCase);
    if (problem != null) {
      problem(pointer + (problem.startsWith("ignoreCase") ? "/ignoreCase" : "/value"), problem);
      return null;
    }
    if (field == null) {
      return null;
    }
    try {
      return new FieldCondition(field, op, operand, ignoreCase, null);
    } catch (IllegalArgumentException e) {
      problem(pointer + "/value", e.getMessage());
      return null;
    }
  }

  /** The value of a field condition or property filter, by the shape its op takes. */
  private Operand operand(Map<String, Object> c, FieldOperator.Shape shape, String pointer,
      String what) {
    String at = pointer + "/value";
    boolean has = c.containsKey("value");
    Object v = c.get("value");
    if (shape == FieldOperator.Shape.NONE) {
      if (has) {
        problem(at, "this operator takes no value");
        return null;
      }
      return Operand.None.INSTANCE;
    }
    if (!has) {
      problem(pointer, "\"value\" is required for this operator");
      return null;
    }
    switch (shape) {
      case SINGLE: {
        Literal l = literal(v, at);
        return l == null ? null : new Operand.Single(l);
      }
      case VALUES: {
        if (!(v instanceof List<?> list) || list.isEmpty()) {
          problem(at, "expects a non-empty array of values, got " + kind(v));
          return null;
        }
        if (list.size() > Operand.MAX_VALUES) {
          problem(at, "holds " + list.size() + " values; at most " + Operand.MAX_VALUES
              + " allowed");
          return null;
        }
        List<Literal> values = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          Literal l = literal(list.get(i), at + "/" + i);
          if (l == null) {
            return null;
          }
          if (!values.isEmpty() && values.get(0).getClass() != l.getClass()) {
            problem(at + "/" + i, "values of one array must all be of one JSON type");
            return null;
          }
          values.add(l);
        }
        return new Operand.Values(values);
      }
      case RANGE: {
        if (!(v instanceof List<?> list) || list.size() != 2) {
          problem(at, "expects [lo, hi], got " + kind(v));
          return null;
        }
        Literal lo = literal(list.get(0), at + "/0");
        Literal hi = literal(list.get(1), at + "/1");
        return lo == null || hi == null ? null : new Operand.Range(lo, hi);
      }
      case SPAN: {
        TimeSpan span = span(v, at);
        return span == null ? null : new Operand.Span(span);
      }
      default: { // CIRCLE
        if (!(v instanceof Map<?, ?> m)) {
          problem(at, "expects {\"lat\": …, \"lon\": …, \"km\": …} (or \"miles\"), got "
              + kind(v));
          return null;
        }
        Map<String, Object> circle = cast(m);
        for (String key : circle.keySet()) {
          if (!Set.of("lat", "lon", "km", "miles").contains(key)) {
            problem(at + "/" + Pointers.escape(key), "unknown key (a circle has lat, lon and km "
                + "or miles)");
            return null;
          }
        }
        if (circle.containsKey("km") == circle.containsKey("miles")) {
          problem(at, "a circle has exactly one of \"km\" and \"miles\"");
          return null;
        }
        Operand.DistanceUnit unit = circle.containsKey("km") ? Operand.DistanceUnit.KM
            : Operand.DistanceUnit.MILES;
        Double lat = number(circle.get("lat"), at + "/lat");
        Double lon = number(circle.get("lon"), at + "/lon");
        Double radius = number(circle.get(unit.jsonName()), at + "/" + unit.jsonName());
        if (lat == null || lon == null || radius == null) {
          return null;
        }
        try {
          return new Operand.Circle(lat, lon, radius, unit);
        } catch (IllegalArgumentException e) {
          problem(at, e.getMessage());
          return null;
        }
      }
    }
  }

  private Double number(Object v, String pointer) {
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    problem(pointer, v == null ? "is required" : "expects a finite number, got " + show(v));
    return null;
  }

  private Literal literal(Object v, String pointer) {
    if (v instanceof String s) {
      if (s.length() > MAX_STRING) {
        problem(pointer, "is " + s.length() + " characters long; at most " + MAX_STRING
            + " allowed");
        return null;
      }
      return new Literal.Text(s);
    }
    if (v instanceof Boolean b) {
      return new Literal.Bool(b);
    }
    if (v instanceof Number n) {
      if (!Double.isFinite(n.doubleValue())) {
        problem(pointer, "number out of range");
        return null;
      }
      return new Literal.Number(n.doubleValue());
    }
    problem(pointer, "expects a string, number or boolean, got " + kind(v));
    return null;
  }

  private TimeSpan span(Object v, String pointer) {
    if (!(v instanceof String s)) {
      problem(pointer, "expects an ISO-8601 duration such as \"P30D\", got " + show(v));
      return null;
    }
    try {
      return TimeSpan.parse(s);
    } catch (IllegalArgumentException e) {
      problem(pointer, e.getMessage());
      return null;
    }
  }

  private Condition event(Map<String, Object> c, String pointer) {
    allowKeys(c, pointer, "event", "where", "atLeast", "atMost", "within");
    String type = pattern(c, "event", pointer);
    List<PropertyFilter> filters = new ArrayList<>();
    boolean ok = type != null;
    if (c.containsKey("where")) {
      Object w = c.get("where");
      if (!(w instanceof List<?> list)) {
        problem(pointer + "/where", "expects an array of property filters, got " + kind(w));
        ok = false;
      } else {
        for (int i = 0; i < list.size(); i++) {
          PropertyFilter f = filter(list.get(i), pointer + "/where/" + i);
          ok &= f != null;
          filters.add(f);
        }
      }
    }
    Integer atLeast = count(c, "atLeast", pointer);
    Integer atMost = count(c, "atMost", pointer);
    ok &= atLeast != null || !c.containsKey("atLeast");
    ok &= atMost != null || !c.containsKey("atMost");
    if (atLeast != null && atMost != null && atLeast > atMost) {
      problem(pointer + "/atLeast", "atLeast " + atLeast + " is greater than atMost " + atMost);
      ok = false;
    }
    EventWindow window = null;
    if (c.containsKey("within")) {
      window = window(c.get("within"), pointer + "/within");
      ok &= window != null;
    }
    return ok ? new EventCondition(type, filters, atLeast, atMost, window, null) : null;
  }

  private Integer count(Map<String, Object> c, String key, String pointer) {
    if (!c.containsKey(key)) {
      return null;
    }
    Object v = c.get(key);
    if (!(v instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
      problem(pointer + "/" + key, "expects an integer >= 0, got " + show(v));
      return null;
    }
    return (int) (long) n;
  }

  private EventWindow window(Object v, String pointer) {
    if (!(v instanceof Map<?, ?> m)) {
      problem(pointer, "a window is {\"last\": duration} or {\"from\": …, \"to\": …}, got "
          + kind(v));
      return null;
    }
    Map<String, Object> w = cast(m);
    for (String key : w.keySet()) {
      if (!Set.of("last", "from", "to").contains(key)) {
        problem(pointer + "/" + Pointers.escape(key), "unknown key (a window has last, or from "
            + "and to)");
        return null;
      }
    }
    if (w.containsKey("last")) {
      if (w.size() > 1) {
        problem(pointer, "a window has last, or from and to, not both");
        return null;
      }
      TimeSpan span = span(w.get("last"), pointer + "/last");
      return span == null ? null : new EventWindow.Last(span);
    }
    if (w.isEmpty()) {
      problem(pointer, "a window needs last, from or to");
      return null;
    }
    Literal.Text from = bound(w, "from", pointer);
    Literal.Text to = bound(w, "to", pointer);
    if ((w.containsKey("from") && from == null) || (w.containsKey("to") && to == null)) {
      return null;
    }
    try {
      return new EventWindow.Range(from, to);
    } catch (IllegalArgumentException e) {
      problem(pointer, e.getMessage());
      return null;
    }
  }

  private Literal.Text bound(Map<String, Object> w, String key, String pointer) {
    if (!w.containsKey(key)) {
      return null;
    }
    Object v = w.get(key);
    if (v instanceof String s && s.length() <= MAX_STRING && new Literal.Text(s).isTemporal()) {
      return new Literal.Text(s);
    }
    if (v instanceof String s && s.length() <= MAX_STRING && new Literal.Text(s).isOutOfRange()) {
      problem(pointer + "/" + key, new Literal.Text(s).rangeProblem());
      return null;
    }
    problem(pointer + "/" + key, "expects an ISO-8601 instant with offset or a date "
        + "\"YYYY-MM-DD\", got " + show(v));
    return null;
  }

  private PropertyFilter filter(Object v, String pointer) {
    if (!(v instanceof Map<?, ?> m)) {
      problem(pointer, "a property filter is a JSON object, got " + kind(v));
      return null;
    }
    Map<String, Object> f = cast(m);
    for (String key : f.keySet()) {
      if (!Set.of("prop", "op", "value", "ignoreCase").contains(key)) {
        problem(pointer + "/" + Pointers.escape(key), "unknown key for a property filter "
            + "(allowed: prop, op, value, ignoreCase)");
      }
    }
    String prop = pattern(f, "prop", pointer);
    PropertyFilter.Op op = null;
    if (!f.containsKey("op")) {
      problem(pointer, "\"op\" is required");
    } else {
      op = f.get("op") instanceof String name ? PropertyFilter.Op.fromJsonName(name) : null;
      if (op == null) {
        problem(pointer + "/op", "unknown operator " + show(f.get("op")));
      }
    }
    Boolean ignoreCase = optionalBoolean(f, "ignoreCase", pointer);
    if (op == null || ignoreCase == null) {
      return null;
    }
    Operand operand = operand(f, op.shape(), pointer, "prop");
    if (operand == null || prop == null) {
      return null;
    }
    String problem = PropertyFilter.problem(op, operand, ignoreCase);
    if (problem != null) {
      problem(pointer + (problem.startsWith("ignoreCase") ? "/ignoreCase" : "/value"), problem);
      return null;
    }
    try {
      return new PropertyFilter(prop, op, operand, ignoreCase);
    } catch (IllegalArgumentException e) {
      problem(pointer + "/value", e.getMessage());
      return null;
    }
  }

  /** A required non-empty string of at most 1,024 characters (a tag, list, type, prop name). */
  private String pattern(Map<String, Object> c, String key, String pointer) {
    String s = requiredString(c, key, pointer);
    if (s == null) {
      return null;
    }
    if (s.isEmpty()) {
      problem(pointer + "/" + key, "must not be empty");
      return null;
    }
    if (s.length() > MAX_STRING) {
      problem(pointer + "/" + key, "is " + s.length() + " characters long; at most " + MAX_STRING
          + " allowed");
      return null;
    }
    return s;
  }

  private String requiredString(Map<String, Object> c, String key, String pointer) {
    Object v = c.get(key);
    if (!(v instanceof String s)) {
      problem(pointer + "/" + key, c.containsKey(key) ? "expects a string, got " + show(v)
          : "is required");
      return null;
    }
    return s;
  }

  private String optionalString(Map<String, Object> c, String key, String pointer) {
    if (!c.containsKey(key)) {
      return null;
    }
    Object v = c.get(key);
    if (!(v instanceof String s)) {
      problem(pointer + "/" + key, "expects a string, got " + show(v));
      return null;
    }
    return s;
  }

  /** The boolean at key (false if absent), or null after a problem. */
  private Boolean optionalBoolean(Map<String, Object> c, String key, String pointer) {
    if (!c.containsKey(key)) {
      return false;
    }
    Object v = c.get(key);
    if (!(v instanceof Boolean b)) {
      problem(pointer + "/" + key, "expects true or false, got " + show(v));
      return null;
    }
    return b;
  }

  private void allowKeys(Map<String, Object> c, String pointer, String... keys) {
    Set<String> allowed = Set.of(keys);
    for (String key : c.keySet()) {
      if (!key.equals("label") && !allowed.contains(key)) {
        problem(pointer + "/" + Pointers.escape(key), "unknown key for a " + keys[0]
            + " condition (allowed: " + String.join(", ", keys) + ", label)");
      }
    }
  }

  @SuppressWarnings("unchecked") // JsonTree makes maps with String keys
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  /** A JSON value as messages show it. */
  static String show(Object v) {
    if (v instanceof Map || v instanceof List) {
      return kind(v);
    }
    return JsonText.show(v);
  }

  static String kind(Object v) {
    if (v == null || v instanceof JsonTree.TooDeep) {
      return String.valueOf(v);
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }
}
