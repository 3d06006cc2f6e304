package org.segmentdsl.condition;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.segmentdsl.Names;
import org.segmentdsl.internal.JavaLiterals;

/**
 * The {@code toString} of conditions: the Java expression of the fluent DSL ({@link
 * org.segmentdsl.dsl.Conditions}) that builds an equal condition, on one line.
 *
 * <pre>{@code
 * all(tag("interest-crm"), not(tag("status-customer")), numberField("company_size").gte(50),
 *     event("email_click").where(prop("campaign").eq("crm")).atLeast(2)
 *         .inLast(Duration.ofDays(14)).withLabel("clicked"))
 * }</pre>
 *
 * <p>The text compiles, with {@code import static org.segmentdsl.dsl.Conditions.*}, {@code
 * import java.time.*} and {@code import org.segmentdsl.condition.*}, to a condition {@code equals}
 * to the one printed. Strings are Java literals, escaped as {@link Names#quote} escapes them
 * (JSON's escapes are a subset of Java's: {@code \"}, {@code \\}, {@code \n}, {@code \t}, {@code
 * \}{@code u0007}, …). Numbers are {@code int} literals when they are whole and fit one, else
 * {@link Double#toString} (which reads back to the same double). A node the DSL cannot build is
 * printed as its record constructor; where only a part cannot, that part: an event window as
 * {@code .within(new EventWindow.Range(...))}, a property filter as {@code new
 * PropertyFilter(...)}, a field condition as {@code new FieldCondition(...)}. Those are: spans
 * with a week part or a part past its unit ({@code P1W}, {@code PT90M}: the DSL's spans are
 * normalised), instants not in {@link Instant#toString} form ({@code 2026-01-01T02:00+02:00}),
 * ranges mixing a date and an instant, {@code ignoreCase} on numbers or booleans, and {@code in}
 * over booleans.
 *
 * <p>The tree is walked with an explicit stack, so a tree of any depth prints without
 * overflowing the thread's stack (as {@link Trees} compares and hashes it).
 */
final class DslText {
  private DslText() {}

  /** The DSL expression of a condition tree. */
  static String of(Condition tree) {
    StringBuilder sb = new StringBuilder();
    Deque<Object> todo = new ArrayDeque<>(); // conditions to print and text to append
    todo.push(tree);
    while (!todo.isEmpty()) {
      Object next = todo.pop();
      if (next instanceof String text) {
        sb.append(text);
        continue;
      }
      Condition c = (Condition) next;
      String open;
      List<Condition> children;
      if (c instanceof All a) {
        open = "all(";
        children = a.conditions();
      } else if (c instanceof Any a) {
        open = "any(";
        children = a.conditions();
      } else if (c instanceof Not n) {
        open = "not(";
        children = List.of(n.condition());
      } else if (c instanceof DealCondition d) {
        open = "deal(";
        children = List.of(d.where());
      } else if (c instanceof AccountCondition a) {
        open = "account(";
        children = List.of(a.where());
      } else {
        leaf(sb, c);
        continue;
      }
      sb.append(open);
      todo.push(")" + withLabel(c.label()));
      for (int i = children.size() - 1; i >= 0; i--) {
        todo.push(children.get(i));
        if (i > 0) {
          todo.push(", ");
        }
      }
    }
    return sb.toString();
  }

  /** The DSL expression of a property filter: {@code prop("campaign").eq("crm")}. */
  static String of(PropertyFilter f) {
    StringBuilder sb = new StringBuilder();
    filter(sb, f);
    return sb.toString();
  }

  private static void leaf(StringBuilder sb, Condition c) {
    if (c instanceof TagCondition t) {
      sb.append(switch (t.op()) {
        case EQ -> "tag(";
        case STARTS_WITH -> "tagStartsWith(";
        case ENDS_WITH -> "tagEndsWith(";
        case CONTAINS -> "tagContains(";
      }).append(q(t.pattern())).append(')');
      if (t.ignoreCase()) {
        sb.append(".ignoringCase()");
      }
    } else if (c instanceof ListCondition l) {
      sb.append("list(").append(q(l.list())).append(").");
      sb.append(l.status() == null ? "anyStatus()" : switch (l.status()) {
        case SUBSCRIBED -> "subscribed()";
        case UNSUBSCRIBED -> "unsubscribed()";
        case BOUNCED -> "bounced()";
        case UNCONFIRMED -> "unconfirmed()";
      });
    } else if (c instanceof FieldCondition f) {
      String dsl = field(f);
      if (dsl == null) {
        sb.append("new FieldCondition(").append(q(f.field())).append(", FieldOperator.")
            .append(f.op().name()).append(", ");
        operand(sb, f.operand());
        sb.append(", ").append(f.ignoreCase()).append(", ").append(q(f.label())).append(')');
        return; // the label is in the constructor
      }
      sb.append(dsl);
    } else if (c instanceof EventCondition e) {
      event(sb, e);
    } else if (c instanceof SegmentReference r) {
      sb.append("inSegment(").append(q(r.segmentId())).append(')');
    } else {
      // a kind this printer does not know (the interface is sealed: none today)
      sb.append(c.getClass().getSimpleName()).append("[?]");
    }
    sb.append(withLabel(c.label()));
  }

  private static String withLabel(String label) {
    return label == null ? "" : ".withLabel(" + q(label) + ")";
  }

  // ------------------------------------------------------------------------------ fields

  /** A field condition in the DSL, or {@code null} if the typed builders cannot build it. */
  private static String field(FieldCondition f) {
    String name = q(f.field());
    String method = f.op().jsonName(); // the builders' methods are named as in JSON
    Operand o = f.operand();
    switch (f.op()) {
      case IS_SET, IS_NOT_SET:
        return "field(" + name + ")." + method + "()";
      case ANNIVERSARY:
        return "dateField(" + name + ").anniversary()";
      case WITHIN: {
        Operand.Circle circle = (Operand.Circle) o;
        return "geoField(" + name + ").within"
            + (circle.unit() == Operand.DistanceUnit.KM ? "Km(" : "Miles(")
            + number(circle.lat()) + ", " + number(circle.lon()) + ", "
            + number(circle.radius()) + ")";
      }
      case IN_LAST, OLDER_THAN, IN_NEXT: {
        TimeSpan span = ((Operand.Span) o).span();
        if (span.weeks() == 0 && span.isWholeDays()) {
          return "dateField(" + name + ")." + method + "(days(" + span.days() + "))";
        }
        String duration = duration(span);
        return duration == null ? null
            : "datetimeField(" + name + ")." + method + "(" + duration + ")";
      }
      case CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH:
        return stringField(name, f.ignoreCase()) + "." + method + "("
            + q(((Literal.Text) ((Operand.Single) o).value()).value()) + ")";
      case EQ, NEQ: {
        Literal v = ((Operand.Single) o).value();
        if (v instanceof Literal.Text t) {
          String temporal = f.ignoreCase() ? null : temporal(name, method, t);
          return temporal != null ? temporal
              : stringField(name, f.ignoreCase()) + "." + method + "(" + q(t.value()) + ")";
        }
        if (f.ignoreCase()) {
          return null;
        }
        return v instanceof Literal.Number n
            ? "numberField(" + name + ")." + method + "(" + number(n.value()) + ")"
            : "booleanField(" + name + ")." + method + "(" + ((Literal.Bool) v).value() + ")";
      }
      case IN, NOT_IN: {
        List<Literal> values = ((Operand.Values) o).values();
        StringBuilder sb = new StringBuilder();
        if (values.get(0) instanceof Literal.Text) {
          sb.append(stringField(name, f.ignoreCase()));
        } else if (values.get(0) instanceof Literal.Number && !f.ignoreCase()) {
          sb.append("numberField(").append(name).append(')');
        } else {
          return null;
        }
        sb.append('.').append(method).append('(');
        scalars(sb, values);
        return sb.append(')').toString();
      }
      case GT, GTE, LT, LTE: {
        Literal v = ((Operand.Single) o).value();
        if (v instanceof Literal.Number n) {
          return "numberField(" + name + ")." + method + "(" + number(n.value()) + ")";
        }
        return v instanceof Literal.Text t ? temporal(name, method, t) : null;
      }
      case BETWEEN: {
        Operand.Range r = (Operand.Range) o;
        if (r.lo() instanceof Literal.Number lo && r.hi() instanceof Literal.Number hi) {
          return "numberField(" + name + ").between(" + number(lo.value()) + ", "
              + number(hi.value()) + ")";
        }
        if (r.lo() instanceof Literal.Text lo && r.hi() instanceof Literal.Text hi) {
          Optional<LocalDate> dlo = date(lo);
          Optional<LocalDate> dhi = date(hi);
          if (dlo.isPresent() && dhi.isPresent()) {
            return "dateField(" + name + ").between(" + date(dlo.get()) + ", "
                + date(dhi.get()) + ")";
          }
          Optional<Instant> ilo = instant(lo);
          Optional<Instant> ihi = instant(hi);
          if (ilo.isPresent() && ihi.isPresent()) {
            return "datetimeField(" + name + ").between(" + instant(ilo.get()) + ", "
                + instant(ihi.get()) + ")";
          }
        }
        return null;
      }
      default:
        return null;
    }
  }

  private static String stringField(String name, boolean ignoreCase) {
    return "field(" + name + ")" + (ignoreCase ? ".ignoringCase()" : "");
  }

  /**
   * {@code dateField(name).op(LocalDate.of(...))} or {@code datetimeField(name).op(Instant.parse(
   * ...))} if the text is a date or an instant in the form the DSL writes, else {@code null}.
   */
  private static String temporal(String name, String method, Literal.Text t) {
    Optional<LocalDate> d = date(t);
    if (d.isPresent()) {
      return "dateField(" + name + ")." + method + "(" + date(d.get()) + ")";
    }
    Optional<Instant> i = instant(t);
    if (i.isPresent()) {
      return "datetimeField(" + name + ")." + method + "(" + instant(i.get()) + ")";
    }
    return null;
  }

  /** The text as a date, if {@code Literal.of(date)} gives exactly that text. */
  private static Optional<LocalDate> date(Literal.Text t) {
    return t.asDate().filter(d -> d.toString().equals(t.value()));
  }

  /** The text as an instant, if {@code Literal.of(instant)} gives exactly that text. */
  private static Optional<Instant> instant(Literal.Text t) {
    return t.asInstant().filter(i -> i.toString().equals(t.value()));
  }

  private static String date(LocalDate d) {
    return "LocalDate.of(" + d.getYear() + ", " + d.getMonthValue() + ", " + d.getDayOfMonth()
        + ")";
  }

  private static String instant(Instant i) {
    return "Instant.parse(\"" + i + "\")";
  }

  /**
   * The {@link java.time.Duration} that {@link TimeSpan#of(java.time.Duration)} turns into this
   * span, or {@code null} if none does (a week part, or a part past its unit: {@code PT90M}).
   */
  private static String duration(TimeSpan s) {
    if (s.weeks() != 0 || s.hours() >= 24 || s.minutes() >= 60 || s.seconds() >= 60) {
      return null;
    }
    int parts = (s.days() != 0 ? 1 : 0) + (s.hours() != 0 ? 1 : 0) + (s.minutes() != 0 ? 1 : 0)
        + (s.seconds() != 0 ? 1 : 0);
    if (parts > 1) {
      return "Duration.parse(\"" + s + "\")";
    } else if (s.days() != 0) {
      return "Duration.ofDays(" + s.days() + ")";
    } else if (s.hours() != 0) {
      return "Duration.ofHours(" + s.hours() + ")";
    } else if (s.minutes() != 0) {
      return "Duration.ofMinutes(" + s.minutes() + ")";
    }
    return "Duration.ofSeconds(" + s.seconds() + ")";
  }

  // ------------------------------------------------------------------------------ events

  private static void event(StringBuilder sb, EventCondition e) {
    sb.append("event(").append(q(e.type())).append(')');
    if (!e.filters().isEmpty()) {
      sb.append(".where(");
      for (int i = 0; i < e.filters().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        filter(sb, e.filters().get(i));
      }
      sb.append(')');
    }
    if (e.atLeast() != null) {
      sb.append(".atLeast(").append(e.atLeast()).append(')');
    }
    if (e.atMost() != null) {
      sb.append(e.atMost() == 0 ? ".never()" : ".atMost(" + e.atMost() + ")");
    }
    if (e.window() instanceof EventWindow.Last last) {
      String duration = duration(last.span());
      sb.append(duration != null ? ".inLast(" + duration + ")"
          : ".within(new EventWindow.Last(TimeSpan.parse(\"" + last.span() + "\")))");
    } else if (e.window() instanceof EventWindow.Range r) {
      sb.append(range(r));
    }
  }

  /** {@code .between(from, to)}, {@code .since(from)}, {@code .before(to)} or {@code .within}. */
  private static String range(EventWindow.Range r) {
    if (r.from() != null && r.to() != null) {
      Optional<Instant> ifrom = instant(r.from());
      Optional<Instant> ito = instant(r.to());
      if (ifrom.isPresent() && ito.isPresent()) {
        return ".between(" + instant(ifrom.get()) + ", " + instant(ito.get()) + ")";
      }
      Optional<LocalDate> dfrom = date(r.from());
      Optional<LocalDate> dto = date(r.to());
      if (dfrom.isPresent() && dto.isPresent()) {
        return ".between(" + date(dfrom.get()) + ", " + date(dto.get()) + ")";
      }
    } else {
      Literal.Text bound = r.from() != null ? r.from() : r.to();
      String method = r.from() != null ? ".since(" : ".before(";
      Optional<Instant> i = instant(bound);
      if (i.isPresent()) {
        return method + instant(i.get()) + ")";
      }
      Optional<LocalDate> d = date(bound);
      if (d.isPresent()) {
        return method + date(d.get()) + ")";
      }
    }
    StringBuilder sb = new StringBuilder(".within(new EventWindow.Range(");
    literal(sb, r.from());
    sb.append(", ");
    literal(sb, r.to());
    return sb.append("))").toString();
  }

  private static void filter(StringBuilder sb, PropertyFilter f) {
    String method = f.op().jsonName(); // PropertyBuilder's methods are named as in JSON
    Operand o = f.operand();
    String prop = "prop(" + q(f.prop()) + ")" + (f.ignoreCase() ? ".ignoringCase()" : "");
    if (o instanceof Operand.None) {
      sb.append(prop).append('.').append(method).append("()");
    } else if (o instanceof Operand.Single s) {
      sb.append(prop).append('.').append(method).append('(');
      scalars(sb, List.of(s.value()));
      sb.append(')');
    } else if (o instanceof Operand.Range r) {
      sb.append(prop).append('.').append(method).append('(');
      scalars(sb, List.of(r.lo(), r.hi()));
      sb.append(')');
    } else if (o instanceof Operand.Values v && !(v.values().get(0) instanceof Literal.Bool)) {
      sb.append(prop).append('.').append(method).append('(');
      scalars(sb, v.values());
      sb.append(')');
    } else { // in over booleans: no builder method
      sb.append("new PropertyFilter(").append(q(f.prop())).append(", PropertyFilter.Op.")
          .append(f.op().name()).append(", ");
      operand(sb, o);
      sb.append(", ").append(f.ignoreCase()).append(')');
    }
  }

  // ------------------------------------------------------------------------------ values

  /** Strings, numbers or booleans as the builders' arguments, separated by commas. */
  private static void scalars(StringBuilder sb, List<Literal> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Literal v = values.get(i);
      if (v instanceof Literal.Text t) {
        sb.append(q(t.value()));
      } else if (v instanceof Literal.Number n) {
        sb.append(number(n.value()));
      } else {
        sb.append(((Literal.Bool) v).value());
      }
    }
  }

  /** The record constructor of an operand. */
  private static void operand(StringBuilder sb, Operand o) {
    if (o instanceof Operand.None) {
      sb.append("Operand.None.INSTANCE");
    } else if (o instanceof Operand.Single s) {
      sb.append("new Operand.Single(");
      literal(sb, s.value());
      sb.append(')');
    } else if (o instanceof Operand.Values v) {
      sb.append("new Operand.Values(java.util.List.of(");
      for (int i = 0; i < v.values().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        literal(sb, v.values().get(i));
      }
      sb.append("))");
    } else if (o instanceof Operand.Range r) {
      sb.append("new Operand.Range(");
      literal(sb, r.lo());
      sb.append(", ");
      literal(sb, r.hi());
      sb.append(')');
    } else if (o instanceof Operand.Span s) {
      sb.append("new Operand.Span(TimeSpan.parse(\"").append(s.span()).append("\"))");
    } else {
      Operand.Circle c = (Operand.Circle) o;
      sb.append("new Operand.Circle(").append(number(c.lat())).append(", ")
          .append(number(c.lon())).append(", ").append(number(c.radius()))
          .append(", Operand.DistanceUnit.").append(c.unit().name()).append(')');
    }
  }

  /** The record constructor of a literal, or {@code null}. */
  private static void literal(StringBuilder sb, Literal v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Literal.Text t) {
      sb.append("new Literal.Text(").append(q(t.value())).append(')');
    } else if (v instanceof Literal.Number n) {
      sb.append("new Literal.Number(").append(number(n.value())).append(')');
    } else {
      sb.append("new Literal.Bool(").append(((Literal.Bool) v).value()).append(')');
    }
  }

  /**
   * A finite double as a Java literal of the same value: an {@code int} literal when it is whole
   * and fits one ({@code 50}, {@code -3}; {@code -0.0} is {@code 0}), else {@link
   * Double#toString} ({@code 2.5}, {@code 1.0E10}, {@code 4.9E-324}).
   */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE) {
      return Integer.toString((int) v);
    }
    return Double.toString(v);
  }

  /** A string as a Java literal: {@link JavaLiterals#quote}. */
  static String q(String s) {
    return JavaLiterals.quote(s);
  }
}
