package org.segmentdsl.eval;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.column.Keys;
import org.segmentdsl.internal.table.Relations;

/**
 * Compiles a checked condition to one SQL query over the table layout of {@code sql.md}
 * ({@code contacts}, {@code contact_tags}, {@code contact_lists}, {@code events}, {@code
 * event_props}, {@code deals}, {@code accounts}). It compiles the plan the evaluator runs ({@link
 * Rewriter}), so {@code now}, {@code today} and the zone are already literal bounds (the same
 * microsecond, day and month-day bounds the evaluator tests), references are plans of their own
 * (each compiled once, as a common table expression), and every leaf is the evaluator's predicate.
 * Every value is written as a literal by the {@link SqlDialect}, which escapes it; every leaf is
 * two-valued ({@code COALESCE(..., FALSE)}), so that {@code NOT} is taken over the universe, as
 * the evaluator takes it. Used by the SQL module; not meant to be called directly.
 */
public final class SqlCompiler {
  /** Java's {@code Math.toRadians} factor, so that SQL multiplies by the same double. */
  private static final double DEGREES_TO_RADIANS = Math.toRadians(1.0);

  private final SqlDialect sql;
  private final Schema schema;
  private final Map<Predicate.SegmentMembers, String> ctes = new HashMap<>();
  /**
   * The tables' aliases, quoted, each with a character no field name may hold: a field named
   * {@code c} or {@code d} must not be taken for a table (Spark resolves {@code c.id} to a
   * column {@code c} before an outer alias {@code c}).
   */
  private final String c;
  private final String d;
  private final String a;
  private final String t;
  private final String l;
  private final String e;
  private final String p;

  private SqlCompiler(SqlDialect sql, Schema schema) {
    this.sql = sql;
    this.schema = schema;
    this.c = sql.identifier("c#");
    this.d = sql.identifier("d#");
    this.a = sql.identifier("a#");
    this.t = sql.identifier("t#");
    this.l = sql.identifier("l#");
    this.e = sql.identifier("e#");
    this.p = sql.identifier("p#");
  }

  /**
   * The query returning the ids of the contacts matching {@code condition} (the {@code where} of
   * the segment {@code rootId}, or of an anonymous one), ordered by {@code position}.
   *
   * @throws org.segmentdsl.InvalidSegmentException if the condition does not fit the schema
   */
  public static String compile(Schema schema, String rootId, Condition condition,
      EvaluationContext context, SqlDialect dialect) {
    ConditionChecker.check(schema, context.segments(), rootId, condition, "/where");
    Rewriter.Rewritten plan = Rewriter.rewrite(schema, condition, context, "/where");
    SqlCompiler compiler = new SqlCompiler(dialect, schema);
    StringJoiner with = new StringJoiner(",\n", "WITH ", "\n");
    int n = 0;
    for (Predicate.SegmentMembers m : plan.referenced()) { // each after those it references
      String name = "segment_" + n++;
      with.add(name + " AS (SELECT " + compiler.c + ".id FROM contacts " + compiler.c + " WHERE "
          + compiler.node(m.plan(), Scope.of(compiler.c, schema.contactFields(),
              CONTACT_COLUMNS))
          + ")");
      compiler.ctes.put(m, name);
    }
    return (n > 0 ? with.toString() : "") + "SELECT " + compiler.c + ".id FROM contacts "
        + compiler.c + " WHERE "
        + compiler.node(plan.plan(), Scope.of(compiler.c, schema.contactFields(), CONTACT_COLUMNS))
        + " ORDER BY " + compiler.c + "." + dialect.identifier("position");
  }

  /**
   * The alias of the rows a condition reads (contacts, deals or accounts), their fields, and the
   * column of each field ({@link #columns}).
   */
  private record Scope(String alias, Map<String, FieldType> fields, Map<String, String> columns) {
    static Scope of(String alias, Map<String, FieldType> fields, List<String> fixed) {
      return new Scope(alias, fields, SqlCompiler.columns(fields, fixed));
    }
  }

  /** The fixed columns of the contacts table, which no field column may take. */
  public static final List<String> CONTACT_COLUMNS = List.of("id", "position", "account_id");
  /** The fixed columns of the deals table. */
  public static final List<String> DEAL_COLUMNS = List.of("id", "contact_id");
  /** The fixed columns of the accounts table. */
  public static final List<String> ACCOUNT_COLUMNS = List.of("id");

  /**
   * The column of each field of a table, in schema order: the field's name ({@code name_lat} and
   * {@code name_lon} for a geo field, keyed so), unless SQL engines, whose names are not case
   * sensitive, would take it for a fixed column or an earlier one (fields {@code Score} and {@code
   * score}): then the name and {@code ~2}, {@code ~3}, ....
   */
  public static Map<String, String> columns(Map<String, FieldType> fields, List<String> fixed) {
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    fixed.forEach(f -> taken.add(f.toLowerCase(Locale.ROOT)));
    fields.forEach((name, type) -> {
      for (String logical : type == FieldType.GEO ? List.of(name + "_lat", name + "_lon")
          : List.of(name)) {
        String column = logical;
        for (int n = 2; !taken.add(column.toLowerCase(Locale.ROOT)); n++) {
          column = logical + "~" + n;
        }
        out.put(logical, column);
      }
    });
    return out;
  }

  private String node(PlanNode node, Scope s) {
    if (node instanceof PlanNode.And and) {
      List<String> parts = new ArrayList<>();
      and.must().forEach(m -> parts.add(node(m, s)));
      and.mustNot().forEach(m -> parts.add("NOT " + node(m, s)));
      return parts.isEmpty() ? "TRUE" : "(" + String.join(" AND ", parts) + ")";
    } else if (node instanceof PlanNode.Or or) {
      List<String> parts = new ArrayList<>();
      or.children().forEach(m -> parts.add(node(m, s)));
      return parts.isEmpty() ? "FALSE" : "(" + String.join(" OR ", parts) + ")";
    } else if (node instanceof PlanNode.Negation neg) {
      return "(NOT " + node(neg.child(), s) + ")";
    } else if (node instanceof PlanNode.Leaf leaf) {
      return leaf(leaf.predicate(), s);
    }
    return node == PlanNode.Constant.EVERYONE ? "TRUE" : "FALSE";
  }

  private String column(Scope s, String field) {
    return s.alias() + "." + sql.identifier(s.columns().get(field));
  }

  private static String twoValued(String expr) {
    return "COALESCE(" + expr + ", FALSE)";
  }

  private String leaf(Predicate p, Scope s) {
    if (p instanceof Predicate.Tag t) {
      return "(" + s.alias() + ".id IN (SELECT " + this.t + ".contact_id FROM contact_tags "
          + this.t + " WHERE " + match(this.t + ".tag", t.op(), t.pattern(), t.ignoreCase())
          + "))";
    } else if (p instanceof Predicate.ListMember l) {
      StringJoiner statuses = new StringJoiner(", ", "(", ")");
      for (ListStatus status : ListStatus.values()) { // in a fixed order
        if (l.statuses().contains(status)) {
          statuses.add(sql.string(status.jsonName()));
        }
      }
      return "(" + s.alias() + ".id IN (SELECT " + this.l + ".contact_id FROM contact_lists "
          + this.l + " WHERE " + this.l + "." + sql.identifier("list") + " = "
          + sql.string(l.list()) + " AND " + this.l + "." + sql.identifier("status") + " IN "
          + statuses + "))";
    } else if (p instanceof Predicate.IsSet i) {
      return "(" + setColumn(s, i.field()) + " IS NOT NULL)";
    } else if (p instanceof Predicate.SetMinus m) {
      return "(" + setColumn(s, m.field()) + " IS NOT NULL AND NOT " + leaf(m.inner(), s) + ")";
    } else if (p instanceof Predicate.StringIn in) {
      if (in.values().isEmpty()) {
        return "FALSE";
      }
      StringJoiner values = new StringJoiner(", ", "(", ")");
      in.values().stream().sorted().forEach(v -> values.add(sql.string(v)));
      String col = column(s, in.field());
      return twoValued((in.ignoreCase() ? sql.lower(col) : col) + " IN " + values);
    } else if (p instanceof Predicate.StringMatch m) {
      return twoValued(match(column(s, m.field()), m.op(), m.pattern(), m.ignoreCase()));
    } else if (p instanceof Predicate.KeyRanges r) {
      return twoValued(ranges(column(s, r.field()), s.fields().get(r.field()), r.lo(), r.hi()));
    } else if (p instanceof Predicate.MonthDays md) {
      if (md.days().isEmpty()) {
        return "FALSE";
      }
      String col = column(s, md.field());
      List<String> days = new ArrayList<>();
      for (MonthDay d : md.days()) {
        days.add("(month(" + col + ") = " + d.getMonthValue() + " AND dayofmonth(" + col
            + ") = " + d.getDayOfMonth() + ")");
      }
      return twoValued("(" + String.join(" OR ", days) + ")");
    } else if (p instanceof Predicate.BooleanEquals b) {
      return twoValued(column(s, b.field()) + " = " + (b.value() ? "TRUE" : "FALSE"));
    } else if (p instanceof Predicate.GeoWithin g) {
      return "(" + column(s, g.field() + "_lat") + " IS NOT NULL AND "
          + twoValued(haversine(s, g) + " <= " + sql.number(g.km())) + ")";
    } else if (p instanceof Predicate.EventCount e) {
      return events(e, s);
    } else if (p instanceof Predicate.RelatedMatch r) {
      if (r.kind() == Relations.Kind.DEALS) {
        return "(" + s.alias() + ".id IN (SELECT " + d + ".contact_id FROM deals " + d
            + " WHERE " + node(r.where(), Scope.of(d, schema.dealFields(), DEAL_COLUMNS)) + "))";
      }
      // a contact without an account: NULL IN (...) is NULL, which must read as false
      return twoValued(s.alias() + ".account_id IN (SELECT " + a + ".id FROM accounts " + a
          + " WHERE " + node(r.where(), Scope.of(a, schema.accountFields(), ACCOUNT_COLUMNS))
          + ")");
    } else if (p instanceof Predicate.SegmentMembers m) {
      return "(" + s.alias() + ".id IN (SELECT id FROM " + ctes.get(m) + "))";
    }
    throw new IllegalStateException("no SQL for " + p);
  }

  /** The column whose NULL means "not set": a geo field's latitude column. */
  private String setColumn(Scope s, String field) {
    return s.fields().get(field) == FieldType.GEO ? column(s, field + "_lat")
        : column(s, field);
  }

  /** A string test as {@link TagCondition.Op#test} makes it: lower case on both sides if asked. */
  private String match(String expr, TagCondition.Op op, String pattern, boolean ignoreCase) {
    String value = ignoreCase ? sql.lower(expr) : expr;
    String p = sql.string(ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern);
    return switch (op) {
      case EQ -> value + " = " + p;
      case STARTS_WITH -> sql.startsWith(value, p);
      case ENDS_WITH -> sql.endsWith(value, p);
      case CONTAINS -> sql.contains(value, p);
    };
  }

  /** Key ranges as literal bounds of the column's type; an open end is left out. */
  private String ranges(String col, FieldType type, long[] lo, long[] hi) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < lo.length; i++) {
      if (lo[i] > hi[i]) {
        continue;
      }
      List<String> bounds = new ArrayList<>();
      if (lo[i] != Long.MIN_VALUE) {
        bounds.add(col + " >= " + literal(type, lo[i]));
      }
      if (hi[i] != Long.MAX_VALUE) {
        // the key of -0.0 stands between the negative numbers and 0.0, which it excludes
        boolean belowZero = type == FieldType.NUMBER && hi[i] == Keys.ofNumber(0.0) - 1;
        bounds.add(col + (belowZero ? " < " : " <= ") + literal(type, hi[i]));
      }
      parts.add(bounds.isEmpty() ? col + " IS NOT NULL" : String.join(" AND ", bounds));
    }
    return parts.isEmpty() ? "FALSE" : "(" + String.join(" OR ", parts) + ")";
  }

  private String literal(FieldType type, long key) {
    return switch (type) {
      case NUMBER -> sql.number(Keys.toNumber(key));
      case DATE -> sql.date(LocalDate.ofEpochDay(key));
      default -> sql.timestamp(key);
    };
  }

  /** {@link GeoPoint#distanceKm} in SQL, operation for operation. */
  private String haversine(Scope s, Predicate.GeoWithin g) {
    String lat = column(s, g.field() + "_lat");
    String lon = column(s, g.field() + "_lon");
    String k = sql.number(DEGREES_TO_RADIANS);
    String p1 = sql.number(Math.toRadians(g.lat()));
    String p2 = "(" + lat + " * " + k + ")";
    String dp = "(" + p2 + " - " + p1 + ")";
    String dl = "((" + lon + " - " + sql.number(g.lon()) + ") * " + k + ")";
    String a = "(sin(" + dp + " / 2) * sin(" + dp + " / 2) + cos(" + p1 + ") * cos(" + p2
        + ") * sin(" + dl + " / 2) * sin(" + dl + " / 2))";
    // Math.min(1.0, sqrt(a)) without least(), which ignores a NULL where Java would not
    String root = "sqrt(" + a + ")";
    return "(2 * " + sql.number(GeoPoint.EARTH_RADIUS_KM) + " * asin(CASE WHEN "
        + root + " > " + sql.number(1.0) + " THEN " + sql.number(1.0) + " ELSE " + root
        + " END))";
  }

  /**
   * How many of the contact's events of the type lie in the window and pass every filter, as an
   * uncorrelated set of contacts: those with at least {@code min} (and at most {@code max})
   * such events, or, when {@code min} is 0, all but those with more than {@code max}. Engines
   * filter the events by type and time first and join the few that remain; a count correlated
   * to each contact made DuckDB aggregate every event (87 times slower on W4).
   */
  private String events(Predicate.EventCount e, Scope s) {
    if (e.min() == 0 && e.max() == Integer.MAX_VALUE) {
      return "TRUE";
    }
    StringBuilder q = new StringBuilder("SELECT " + this.e + ".contact_id FROM events " + this.e
        + " WHERE " + this.e + ".").append(sql.identifier("type")).append(" = ")
        .append(sql.string(e.type()));
    if (e.from() >= e.to()) {
      q.append(" AND FALSE");
    } else {
      if (e.from() != Long.MIN_VALUE) {
        q.append(" AND " + this.e + ".").append(sql.identifier("at")).append(" >= ")
            .append(sql.timestamp(e.from()));
      }
      if (e.to() != Long.MAX_VALUE) {
        q.append(" AND " + this.e + ".").append(sql.identifier("at")).append(" < ")
            .append(sql.timestamp(e.to()));
      }
    }
    for (PropertyFilter f : e.filters()) {
      q.append(" AND ").append(filter(f));
    }
    String id = s.alias() + ".id";
    if (e.min() == 0) { // not more than max
      return "(" + id + " NOT IN (" + q + (e.max() == 0 ? ""
          : " GROUP BY " + this.e + ".contact_id HAVING count(*) > " + e.max()) + "))";
    }
    if (e.min() == 1 && e.max() == Integer.MAX_VALUE) {
      return "(" + id + " IN (" + q + "))";
    }
    return "(" + id + " IN (" + q + " GROUP BY " + this.e + ".contact_id HAVING count(*) >= "
        + e.min() + (e.max() == Integer.MAX_VALUE ? "" : " AND count(*) <= " + e.max()) + "))";
  }

  /** A property filter on event {@code e}, as {@link PropertyMatcher#test} decides it. */
  private String filter(PropertyFilter f) {
    return switch (f.op()) {
      case IS_SET -> prop(f, "TRUE");
      case IS_NOT_SET -> "NOT " + prop(f, "TRUE");
      case EQ -> prop(f, same(((Operand.Single) f.operand()).value()));
      case NEQ -> "(" + prop(f, "TRUE") + " AND NOT "
          + prop(f, same(((Operand.Single) f.operand()).value())) + ")";
      case IN -> prop(f, in(((Operand.Values) f.operand()).values()));
      case NOT_IN -> "(" + prop(f, "TRUE") + " AND NOT "
          + prop(f, in(((Operand.Values) f.operand()).values())) + ")";
      case GT -> prop(f, p + ".kind = 'number' AND " + p + ".n > " + bound(f));
      case GTE -> prop(f, p + ".kind = 'number' AND " + p + ".n >= " + bound(f));
      case LT -> prop(f, p + ".kind = 'number' AND " + p + ".n < " + bound(f));
      case LTE -> prop(f, p + ".kind = 'number' AND " + p + ".n <= " + bound(f));
      case BETWEEN -> prop(f, p + ".kind = 'number' AND " + p + ".n >= "
          + sql.number(number(((Operand.Range) f.operand()).lo())) + " AND " + p + ".n <= "
          + sql.number(number(((Operand.Range) f.operand()).hi())));
      case CONTAINS -> prop(f, p + ".kind = 'string' AND "
          + twoValued(match(p + ".s", TagCondition.Op.CONTAINS, text(f), f.ignoreCase())));
      case STARTS_WITH -> prop(f, p + ".kind = 'string' AND "
          + twoValued(match(p + ".s", TagCondition.Op.STARTS_WITH, text(f), f.ignoreCase())));
      case ENDS_WITH -> prop(f, p + ".kind = 'string' AND "
          + twoValued(match(p + ".s", TagCondition.Op.ENDS_WITH, text(f), f.ignoreCase())));
      case NOT_CONTAINS -> prop(f, p + ".kind = 'string' AND NOT "
          + twoValued(match(p + ".s", TagCondition.Op.CONTAINS, text(f), f.ignoreCase())));
      default -> throw new IllegalStateException(f.op().toString());
    };
  }

  /** Whether event {@code e} has the filter's property {@code p} and {@code test} holds on it. */
  private String prop(PropertyFilter f, String test) {
    return "EXISTS (SELECT 1 FROM event_props " + p + " WHERE " + p + ".event_id = " + e
        + ".event_id AND " + p + "."
        + sql.identifier("key") + " = " + sql.string(f.prop()) + " AND " + test + ")";
  }

  private String bound(PropertyFilter f) {
    return sql.number(number(((Operand.Single) f.operand()).value()));
  }

  private static String text(PropertyFilter f) {
    return ((Literal.Text) ((Operand.Single) f.operand()).value()).value();
  }

  private static double number(Literal l) {
    return ((Literal.Number) l).value();
  }

  /** The property {@code p} has this value, of this JSON type. */
  private String same(Literal l) {
    if (l instanceof Literal.Text t) {
      return p + ".kind = 'string' AND " + p + ".s = " + sql.string(t.value());
    } else if (l instanceof Literal.Number n) {
      return p + ".kind = 'number' AND " + p + ".n = " + sql.number(n.value());
    }
    return p + ".kind = 'boolean' AND " + p + ".b = "
        + (((Literal.Bool) l).value() ? "TRUE" : "FALSE");
  }

  /** The property {@code p} has one of these values, each of its own JSON type. */
  private String in(List<Literal> values) {
    List<String> strings = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Literal l : values) {
      if (l instanceof Literal.Text t) {
        strings.add(sql.string(t.value()));
      } else if (l instanceof Literal.Number n) {
        numbers.add(sql.number(n.value()));
      } else {
        parts.add("(" + same(l) + ")");
      }
    }
    if (!strings.isEmpty()) {
      parts.add("(" + p + ".kind = 'string' AND " + p + ".s IN (" + String.join(", ", strings)
          + "))");
    }
    if (!numbers.isEmpty()) {
      parts.add("(" + p + ".kind = 'number' AND " + p + ".n IN (" + String.join(", ", numbers)
          + "))");
    }
    return "(" + String.join(" OR ", parts) + ")";
  }
}
