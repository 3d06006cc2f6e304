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
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
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
  private final String s;
  /**
   * The keys sets are made of: the contact's column in {@code contacts} ({@code id} or {@code
   * position}), the column naming it in the other tables ({@code contact_id} or {@code
   * contact_position}), and the account's ({@code account_id} and {@code id}, or {@code
   * account_position} and {@code position}).
   */
  private final String key;
  private final String ref;
  private final String accountRef;
  private final String accountKey;

  private SqlCompiler(SqlDialect sql, Schema schema, boolean positions) {
    this.sql = sql;
    this.schema = schema;
    this.key = positions ? sql.identifier("position") : "id";
    this.ref = positions ? "contact_position" : "contact_id";
    this.accountRef = positions ? "account_position" : "account_id";
    this.accountKey = positions ? sql.identifier("position") : "id";
    this.c = sql.identifier("c#");
    this.d = sql.identifier("d#");
    this.a = sql.identifier("a#");
    this.t = sql.identifier("t#");
    this.l = sql.identifier("l#");
    this.e = sql.identifier("e#");
    this.p = sql.identifier("p#");
    this.s = sql.identifier("s#");
  }

  /**
   * The query returning the ids of the contacts matching {@code condition} (the {@code where} of
   * the segment {@code rootId}, or of an anonymous one), ordered by {@code position}.
   *
   * @param positions whether sets of contacts are joined on the layout's integer positions
   *     ({@code contact_position}, {@code account_position}) rather than on its text ids
   * @throws org.segmentdsl.InvalidSegmentException if the condition does not fit the schema
   */
  public static String compile(Schema schema, String rootId, Condition condition,
      EvaluationContext context, SqlDialect dialect, boolean positions) {
    return compile(schema, rootId, condition, context, dialect, positions, false);
  }

  /**
   * The query returning how many contacts match {@code condition}: one row, one column. When the
   * condition is a set of contacts (tags, lists, events, deals and saved segments combined by
   * {@code all}, {@code any} and {@code not} beside one of them), it is counted from those tables
   * alone, without reading {@code contacts}: the layout's {@code contact_id}s name contacts.
   *
   * @param positions as {@link #compile}'s
   * @throws org.segmentdsl.InvalidSegmentException if the condition does not fit the schema
   */
  public static String compileCount(Schema schema, String rootId, Condition condition,
      EvaluationContext context, SqlDialect dialect, boolean positions) {
    return compile(schema, rootId, condition, context, dialect, positions, true);
  }

  private static String compile(Schema schema, String rootId, Condition condition,
      EvaluationContext context, SqlDialect dialect, boolean positions, boolean count) {
    ConditionChecker.check(schema, context.segments(), rootId, condition, "/where");
    Rewriter.Rewritten plan = Rewriter.rewrite(schema, condition, context, "/where");
    SqlCompiler compiler = new SqlCompiler(dialect, schema, positions);
    Scope contacts = Scope.of(compiler.c, schema.contactFields(), CONTACT_COLUMNS);
    StringJoiner with = new StringJoiner(",\n", "WITH ", "\n");
    int n = 0;
    for (Predicate.SegmentMembers m : plan.referenced()) { // each after those it references
      String name = "segment_" + n++;
      Part part = compiler.node(m.plan(), contacts);
      with.add(name + " AS (" + (part instanceof Members members ? members.query()
          : "SELECT " + compiler.c + "." + compiler.key + " AS " + compiler.ref
              + " FROM contacts " + compiler.c + " WHERE "
              + compiler.test(part, contacts)) + ")");
      compiler.ctes.put(m, name);
    }
    Part root = compiler.node(plan.plan(), contacts);
    String query;
    if (count && root instanceof Members members) {
      query = "SELECT count(DISTINCT " + compiler.s + "." + compiler.ref + ") FROM ("
          + members.query()
          + ") " + compiler.s;
    } else {
      query = "SELECT " + (count ? "count(*)" : compiler.c + ".id") + " FROM contacts "
          + compiler.c + " WHERE " + compiler.test(root, contacts)
          + (count ? "" : " ORDER BY " + compiler.c + "." + dialect.identifier("position"));
    }
    return (n > 0 ? with.toString() : "") + query;
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
  public static final List<String> CONTACT_COLUMNS = List.of("id", "position", "account_id",
      "account_position");
  /** The fixed columns of the deals table. */
  public static final List<String> DEAL_COLUMNS = List.of("id", "contact_id",
      "contact_position");
  /** The fixed columns of the accounts table. */
  public static final List<String> ACCOUNT_COLUMNS = List.of("id", "position");

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

  /**
   * What a node compiles to: a test of the scope's row, or (among contacts) the contacts in a set
   * of ids, or all contacts but those. Sets combine as sets ({@code UNION ALL}, {@code
   * INTERSECT}, {@code EXCEPT}, and one {@code IN} list for the exact tags of an {@code any}), so
   * that a contact's id is looked up once per group of sets, not once per leaf: an engine pays
   * for every contact it probes.
   */
  private sealed interface Part {}

  /** A boolean expression over the scope's row, never NULL. */
  private record Test(String sql) implements Part {}

  /**
   * The contacts whose keys {@code query} returns (one column, {@code contact_id} or {@code
   * contact_position}, maybe with repeats). For a tag leaf, {@code tagTest} is its test of {@code t#.tag} and {@code exactTag}
   * its tag when the test is case-sensitive equality, so that an {@code any} can merge them.
   * {@code compound} when the query is a set operation, which must be parenthesised as an
   * operand of another.
   */
  private record Members(String query, boolean compound, @Nullable String tagTest,
      @Nullable String exactTag) implements Part {
    Members(String query) {
      this(query, false, null, null);
    }
  }

  /** All contacts but those of {@code members}. */
  private record Excluded(Members members) implements Part {}

  private Part node(PlanNode node, Scope s) {
    if (node instanceof PlanNode.And and) {
      List<Members> in = new ArrayList<>();
      List<Members> out = new ArrayList<>();
      List<String> tests = new ArrayList<>();
      and.must().forEach(m -> sortOut(node(m, s), false, in, out, tests));
      and.mustNot().forEach(m -> sortOut(node(m, s), true, in, out, tests));
      if (!tests.isEmpty()) { // the row's tests first, then each set probed by what is left
        in.forEach(m -> tests.add(test(m, s)));
        if (!out.isEmpty()) {
          tests.add(test(new Excluded(union(out)), s));
        }
        return new Test("(" + String.join(" AND ", tests) + ")");
      }
      if (in.isEmpty()) { // none of some sets; everyone if none
        return out.isEmpty() ? new Test("TRUE") : new Excluded(union(out));
      }
      return allBut(in, out);
    } else if (node instanceof PlanNode.Or or) {
      List<Members> sets = new ArrayList<>();
      List<Members> excluded = new ArrayList<>();
      List<String> tests = new ArrayList<>();
      for (PlanNode m : or.children()) {
        Part part = node(m, s);
        if (part instanceof Members members) {
          sets.add(members);
        } else if (part instanceof Excluded e) {
          excluded.add(e.members());
        } else {
          tests.add(test(part, s));
        }
      }
      if (tests.isEmpty() && !excluded.isEmpty()) {
        // any(A, not B, not C) = everyone but those in B and C and not in A
        return new Excluded(allBut(excluded, sets));
      }
      excluded.forEach(m -> tests.add(test(new Excluded(m), s)));
      if (tests.isEmpty() && !sets.isEmpty()) {
        return union(sets);
      }
      if (!sets.isEmpty()) {
        tests.add(test(union(sets), s));
      }
      return new Test(tests.isEmpty() ? "FALSE" : "(" + String.join(" OR ", tests) + ")");
    } else if (node instanceof PlanNode.Negation neg) {
      Part part = node(neg.child(), s);
      if (part instanceof Members members) {
        return new Excluded(members);
      } else if (part instanceof Excluded excluded) {
        return excluded.members();
      }
      return new Test("(NOT " + ((Test) part).sql() + ")");
    } else if (node instanceof PlanNode.Leaf leaf) {
      return leaf(leaf.predicate(), s);
    }
    return new Test(node == PlanNode.Constant.EVERYONE ? "TRUE" : "FALSE");
  }

  /**
   * Puts a child of an {@code all} (negated: under its {@code not}) where it belongs: among the
   * sets its contacts must be in, the sets they must not be in, or the tests of the row.
   */
  private static void sortOut(Part part, boolean negated, List<Members> in, List<Members> out,
      List<String> tests) {
    if (part instanceof Members members) {
      (negated ? out : in).add(members);
    } else if (part instanceof Excluded excluded) {
      (negated ? in : out).add(excluded.members());
    } else {
      tests.add((negated ? "NOT " : "") + ((Test) part).sql());
    }
  }

  /** The contacts in every set of {@code in} (at least one) and in none of {@code out}. */
  private Members allBut(List<Members> in, List<Members> out) {
    if (in.size() == 1 && out.isEmpty()) {
      return in.get(0);
    }
    StringJoiner q = new StringJoiner(" INTERSECT ");
    in.forEach(m -> q.add(operand(m)));
    return new Members(q + (out.isEmpty() ? "" : " EXCEPT " + operand(union(out))), true, null,
        null);
  }

  /** A part as a test of the scope's row. */
  private String test(Part part, Scope s) {
    if (part instanceof Members members) {
      return "(" + s.alias() + "." + key + " IN (" + members.query() + "))";
    } else if (part instanceof Excluded excluded) {
      return "(" + sql.notIn(s.alias() + "." + key, excluded.members().query(), ref) + ")";
    }
    return ((Test) part).sql();
  }

  /** A set as the operand of a set operation. */
  private String operand(Members m) {
    return m.compound() ? "SELECT " + s + "." + ref + " FROM (" + m.query() + ") " + s
        : m.query();
  }

  /** The contacts in any of the sets: tag leaves merged into one query, the rest appended. */
  private Members union(List<Members> sets) {
    List<Members> tagSets = new ArrayList<>();
    List<Members> all = new ArrayList<>();
    for (Members m : sets) {
      (m.tagTest() != null ? tagSets : all).add(m);
    }
    if (tagSets.size() == 1) {
      all.add(0, tagSets.get(0));
    } else if (tagSets.size() > 1) {
      StringJoiner exact = new StringJoiner(", ", t + ".tag IN (", ")").setEmptyValue("");
      tagSets.stream().map(Members::exactTag).filter(Objects::nonNull).distinct().sorted()
          .forEach(tag -> exact.add(sql.string(tag)));
      List<String> tests = new ArrayList<>();
      if (exact.length() > 0) {
        tests.add(exact.toString());
      }
      tagSets.stream().filter(m -> m.exactTag() == null).forEach(m -> tests.add(m.tagTest()));
      all.add(0, tags(String.join(" OR ", tests), null, null));
    }
    if (all.size() == 1) {
      return all.get(0);
    }
    StringJoiner q = new StringJoiner(" UNION ALL ");
    all.forEach(m -> q.add(operand(m)));
    return new Members(q.toString(), true, null, null);
  }

  /** The contacts with a tag passing {@code test}. */
  private Members tags(String test, @Nullable String tagTest, @Nullable String exactTag) {
    return new Members("SELECT " + t + "." + ref + " FROM contact_tags " + t + " WHERE " + test,
        false, tagTest, exactTag);
  }

  private String column(Scope s, String field) {
    return s.alias() + "." + sql.identifier(s.columns().get(field));
  }

  private static String twoValued(String expr) {
    return "COALESCE(" + expr + ", FALSE)";
  }

  private Part leaf(Predicate p, Scope s) {
    if (p instanceof Predicate.Tag tag) {
      String test = match(t + ".tag", tag.op(), tag.pattern(), tag.ignoreCase());
      return tags(test, test,
          tag.op() == TagCondition.Op.EQ && !tag.ignoreCase() ? tag.pattern() : null);
    } else if (p instanceof Predicate.ListMember list) {
      StringJoiner statuses = new StringJoiner(", ", "(", ")");
      for (ListStatus status : ListStatus.values()) { // in a fixed order
        if (list.statuses().contains(status)) {
          statuses.add(sql.string(status.jsonName()));
        }
      }
      return new Members("SELECT " + l + "." + ref + " FROM contact_lists " + l + " WHERE " + l
          + "." + sql.identifier("list") + " = " + sql.string(list.list()) + " AND " + l + "."
          + sql.identifier("status") + " IN " + statuses);
    } else if (p instanceof Predicate.EventCount count) {
      return events(count);
    } else if (p instanceof Predicate.RelatedMatch r && r.kind() == Relations.Kind.DEALS) {
      return new Members("SELECT " + d + "." + ref + " FROM deals " + d + " WHERE "
          + test(node(r.where(), Scope.of(d, schema.dealFields(), DEAL_COLUMNS)),
              Scope.of(d, schema.dealFields(), DEAL_COLUMNS)));
    } else if (p instanceof Predicate.SegmentMembers m) {
      return new Members("SELECT " + ref + " FROM " + ctes.get(m));
    }
    return new Test(fieldTest(p, s));
  }

  /** A leaf testing the scope's row: a field, or (among contacts) the account's fields. */
  private String fieldTest(Predicate p, Scope s) {
    if (p instanceof Predicate.IsSet i) {
      return "(" + setColumn(s, i.field()) + " IS NOT NULL)";
    } else if (p instanceof Predicate.SetMinus m) {
      return "(" + setColumn(s, m.field()) + " IS NOT NULL AND NOT " + fieldTest(m.inner(), s)
          + ")";
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
    } else if (p instanceof Predicate.RelatedMatch r) { // an account: deals are sets
      Scope accounts = Scope.of(a, schema.accountFields(), ACCOUNT_COLUMNS);
      // a contact without an account: NULL IN (...) is NULL, which must read as false
      return twoValued(s.alias() + "." + accountRef + " IN (SELECT " + a + "." + accountKey
          + " FROM accounts " + a
          + " WHERE " + test(node(r.where(), accounts), accounts) + ")");
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
  private Part events(Predicate.EventCount e) {
    if (e.min() == 0 && e.max() == Integer.MAX_VALUE) {
      return new Test("TRUE");
    }
    StringBuilder q = new StringBuilder("SELECT " + this.e + "." + ref + " FROM events " + this.e
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
    if (e.min() == 0) { // not more than max
      return new Excluded(new Members(q + (e.max() == 0 ? ""
          : " GROUP BY " + this.e + "." + ref + " HAVING count(*) > " + e.max())));
    }
    if (e.min() == 1 && e.max() == Integer.MAX_VALUE) {
      return new Members(q.toString());
    }
    return new Members(q + " GROUP BY " + this.e + "." + ref + " HAVING count(*) >= " + e.min()
        + (e.max() == Integer.MAX_VALUE ? "" : " AND count(*) <= " + e.max()));
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
