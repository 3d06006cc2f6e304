package org.segmentdsl.dsl;

import java.time.Duration;
import java.time.Period;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.condition.TagCondition;

/**
 * The fluent DSL: static entry points for every condition. Typed builders make operators that do
 * not fit a field's type impossible to write: {@code numberField("size").contains("x")} does not
 * compile.
 *
 * <pre>{@code
 * import static org.segmentdsl.dsl.Conditions.*;
 *
 * Condition engagedLeads = all(
 *     tag("interest-crm"),
 *     not(tag("status-customer")),
 *     field("country").eq("US"),
 *     numberField("company_size").gte(50),
 *     dateField("signup_date").inLast(Period.ofDays(30)),
 *     list("newsletter").subscribed(),
 *     geoField("location").withinKm(40.71, -74.0, 50));
 * }</pre>
 */
public final class Conditions {
  private Conditions() {}

  /**
   * Contacts matching every condition; {@code all()} matches everyone.
   *
   * @param conditions the children, in order, none null
   * @return an {@link All} node
   */
  public static All all(Condition... conditions) {
    return new All(Arrays.asList(Objects.requireNonNull(conditions, "conditions")));
  }

  /**
   * Contacts matching every condition; an empty list matches everyone.
   *
   * @param conditions the children, in order (copied), none null
   * @return an {@link All} node
   */
  public static All all(List<? extends Condition> conditions) {
    return new All(Collections.unmodifiableList(
        Objects.requireNonNull(conditions, "conditions")));
  }

  /**
   * Contacts matching at least one condition; {@code any()} matches no one.
   *
   * @param conditions the children, in order, none null
   * @return an {@link Any} node
   */
  public static Any any(Condition... conditions) {
    return new Any(Arrays.asList(Objects.requireNonNull(conditions, "conditions")));
  }

  /**
   * Contacts matching at least one condition; an empty list matches no one.
   *
   * @param conditions the children, in order (copied), none null
   * @return an {@link Any} node
   */
  public static Any any(List<? extends Condition> conditions) {
    return new Any(Collections.unmodifiableList(
        Objects.requireNonNull(conditions, "conditions")));
  }

  /**
   * Every contact that does not match.
   *
   * @param condition the negated condition, not null
   * @return a {@link Not} node
   */
  public static Not not(Condition condition) {
    return new Not(condition);
  }

  /**
   * Contacts carrying exactly this tag (case-sensitive; {@code .ignoringCase()} to relax).
   *
   * @param tag the tag; non-empty, at most 1,024 characters
   * @return the tag condition
   * @throws NullPointerException if {@code tag} is null
   * @throws IllegalArgumentException if {@code tag} is empty or too long
   */
  public static TagCondition tag(String tag) {
    return new TagCondition(tag);
  }

  /**
   * Contacts carrying a tag that starts with the prefix.
   *
   * @param prefix the prefix; non-empty, at most 1,024 characters
   * @return the tag condition
   * @throws NullPointerException if {@code prefix} is null
   * @throws IllegalArgumentException if {@code prefix} is empty or too long
   */
  public static TagCondition tagStartsWith(String prefix) {
    return new TagCondition(prefix, TagCondition.Op.STARTS_WITH, false, null);
  }

  /**
   * Contacts carrying a tag that ends with the suffix.
   *
   * @param suffix the suffix; non-empty, at most 1,024 characters
   * @return the tag condition
   * @throws NullPointerException if {@code suffix} is null
   * @throws IllegalArgumentException if {@code suffix} is empty or too long
   */
  public static TagCondition tagEndsWith(String suffix) {
    return new TagCondition(suffix, TagCondition.Op.ENDS_WITH, false, null);
  }

  /**
   * Contacts carrying a tag that contains the text.
   *
   * @param text the text; non-empty, at most 1,024 characters
   * @return the tag condition
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if {@code text} is empty or too long
   */
  public static TagCondition tagContains(String text) {
    return new TagCondition(text, TagCondition.Op.CONTAINS, false, null);
  }

  /**
   * Conditions on the status on one list.
   *
   * @param list the list's name (case-sensitive); non-empty, at most 1,024 characters
   * @return a builder of conditions on that list
   * @throws NullPointerException if {@code list} is null
   * @throws IllegalArgumentException if {@code list} is empty or too long
   */
  public static ListBuilder list(String list) {
    return new ListBuilder(list);
  }

  /**
   * Conditions on a string field.
   *
   * @param name the field's name, non-empty; checked against the schema at evaluation
   * @return a builder of conditions on that field
   * @throws IllegalArgumentException if {@code name} is null or empty
   */
  public static StringField field(String name) {
    return new StringField(name, false);
  }

  /**
   * Conditions on a string field (same as {@link #field}).
   *
   * @param name the field's name, non-empty; checked against the schema at evaluation
   * @return a builder of conditions on that field
   * @throws IllegalArgumentException if {@code name} is null or empty
   */
  public static StringField stringField(String name) {
    return new StringField(name, false);
  }

  /**
   * Conditions on a number field.
   *
   * @param name the field's name, non-empty; checked against the schema at evaluation
   * @return a builder of conditions on that field
   * @throws IllegalArgumentException if {@code name} is null or empty
   */
  public static NumberField numberField(String name) {
    return new NumberField(name);
  }

  /**
   * Conditions on a date field.
   *
   * @param name the field's name, non-empty; checked against the schema at evaluation
   * @return a builder of conditions on that field
   * @throws IllegalArgumentException if {@code name} is null or empty
   */
  public static DateField dateField(String name) {
    return new DateField(name);
  }

  /**
   * Conditions on a datetime field.
   *
   * @param name the field's name, non-empty; checked against the schema at evaluation
   * @return a builder of conditions on that field
   * @throws IllegalArgumentException if {@code name} is null or empty
   */
  public static DatetimeField datetimeField(String name) {
    return new DatetimeField(name);
  }

  /**
   * Conditions on a boolean field.
   *
   * @param name the field's name, non-empty; checked against the schema at evaluation
   * @return a builder of conditions on that field
   * @throws IllegalArgumentException if {@code name} is null or empty
   */
  public static BooleanField booleanField(String name) {
    return new BooleanField(name);
  }

  /**
   * Conditions on a geo field.
   *
   * @param name the field's name, non-empty; checked against the schema at evaluation
   * @return a builder of conditions on that field
   * @throws IllegalArgumentException if {@code name} is null or empty
   */
  public static GeoField geoField(String name) {
    return new GeoField(name);
  }

  /**
   * Contacts with at least one event of that type, ever; narrow it with {@code .where(...)},
   * {@code .atLeast(n)}, {@code .atMost(n)}, {@code .never()}, {@code .inLast(d)}, {@code
   * .between(from, to)}.
   *
   * @param type the event type (case-sensitive); non-empty, at most 1,024 characters
   * @return the event condition
   * @throws NullPointerException if {@code type} is null
   * @throws IllegalArgumentException if {@code type} is empty or too long
   */
  public static EventCondition event(String type) {
    return new EventCondition(type);
  }

  /**
   * Filters on an event property, for {@code event(...).where(...)}.
   *
   * @param name the property's name; non-empty, at most 1,024 characters
   * @return a builder of filters on that property
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty or too long
   */
  public static PropertyBuilder prop(String name) {
    new PropertyFilter(name, PropertyFilter.Op.IS_SET, Operand.None.INSTANCE, false); // checks name
    return new PropertyBuilder(name, false);
  }

  /**
   * Contacts owning at least one deal that satisfies {@code where} as a whole: {@code where} is
   * built from {@code all}, {@code any}, {@code not} and the field builders, over deal fields.
   *
   * <pre>{@code
   * deal(all(field("stage").eq("Qualified"), numberField("value").gte(1000)))
   * }</pre>
   *
   * @param where the condition on one deal, not null
   * @return the deal condition
   * @throws IllegalArgumentException if {@code where} holds a tag, list, event, segment, deal or
   *     account condition
   */
  public static DealCondition deal(Condition where) {
    return new DealCondition(where);
  }

  /**
   * Contacts whose account satisfies {@code where}, built like {@link #deal} over account fields.
   * Contacts without an account never match.
   *
   * @param where the condition on the account, not null
   * @return the account condition
   * @throws IllegalArgumentException if {@code where} holds a tag, list, event, segment, deal or
   *     account condition
   */
  public static AccountCondition account(Condition where) {
    return new AccountCondition(where);
  }

  /**
   * The members of the saved segment with that id, from the evaluation context's {@link
   * org.segmentdsl.SegmentRegistry}.
   *
   * @param segmentId the saved segment's id: {@code [a-z0-9][a-z0-9._-]{0,127}}
   * @return the segment reference
   * @throws NullPointerException if {@code segmentId} is null
   * @throws IllegalArgumentException if {@code segmentId} is not a valid segment id
   */
  public static SegmentReference inSegment(String segmentId) {
    return new SegmentReference(segmentId);
  }

  /**
   * {@code n} calendar days, for date fields: {@code dateField("d").inLast(days(30))}.
   *
   * @param n the number of days
   * @return {@code Period.ofDays(n)}
   */
  public static Period days(int n) {
    return Period.ofDays(n);
  }

  /**
   * {@code n} exact days of 24 hours, for datetime fields (and event windows).
   *
   * @param n the number of days
   * @return {@code Duration.ofDays(n)}
   */
  public static Duration exactDays(long n) {
    return Duration.ofDays(n);
  }
}
