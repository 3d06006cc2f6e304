package org.segmentdsl;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.segmentdsl.internal.write.FieldValues;

/**
 * One activity of a contact: an email open or click, a page visit, a purchase, a form submit, a
 * custom event. Immutable. Properties are scalars: strings, numbers (held as doubles) and
 * booleans. The time is kept to the microsecond, like datetime fields: finer digits are truncated
 * toward the past ({@link FieldValues#toMicros}).
 *
 * <pre>{@code
 * index.record(Event.of("c-1001", "email_click", Instant.parse("2026-11-20T14:03:00Z"),
 *     Map.of("campaign", "spring-sale", "url", "https://example.com/crm")));
 * }</pre>
 *
 * @param contactId the contact's id; the contact must exist when the event is recorded
 * @param type the event type (case-sensitive); a name by the rule of {@link Names}
 * @param at when it happened
 * @param props the properties (copied; numbers become doubles); their names follow the rule of
 *     {@link Names}
 */
public record Event(String contactId, String type, Instant at, Map<String, Object> props) {
  /**
   * Checks the values, truncates the time to the microsecond and copies the properties.
   *
   * @param contactId the contact's id
   * @param type the event type
   * @param at when it happened
   * @param props the properties
   * @throws InvalidContactException if the contact id or the type is null, empty or breaks the
   *     rule of {@link Names}, the time is null or outside {@link InstantRange}, or a property
   *     has an invalid name or a value that is not a string, a finite number or a boolean
   * @throws NullPointerException if {@code props} is null
   */
  public Event {
    checkContactId(contactId);
    checkType(contactId, type);
    at = checkedTime(contactId, type, at);
    props = Objects.requireNonNull(props, "props").isEmpty() ? Map.of()
        : checked(contactId, type, props);
  }

  /** Refuses an id that no contact can have. */
  static void checkContactId(String contactId) {
    if (contactId == null || contactId.isEmpty()) {
      throw new InvalidContactException(contactId, null, "an event needs a non-empty contact id");
    }
    Entities.checkContactId(contactId, contactId, "the contact id");
  }

  /** Refuses a type that breaks the rule of {@link Names}. */
  static void checkType(String contactId, String type) {
    if (type == null || type.isEmpty()) {
      throw new InvalidContactException(contactId, null, "an event needs a non-empty type");
    }
    Entities.checkContactName(contactId, "event type", type);
  }

  /** The time to the microsecond, or an error if it is out of range. */
  static Instant checkedTime(String contactId, String type, Instant at) {
    if (at == null || !InstantRange.contains(at)) {
      throw new InvalidContactException(contactId, null,
          "event " + Names.quote(type) + " needs a time from -290000-01-01 to +290000-12-31, got "
              + at);
    }
    return FieldValues.toMicros(at);
  }

  /** A checked, normalised, unmodifiable copy of non-empty properties. */
  static Map<String, Object> checked(String contactId, String type,
      Map<String, Object> props) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : props.entrySet()) {
      copy.put(checkName(contactId, type, e.getKey()), scalar(contactId, type, e.getKey(),
          e.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * An event with properties.
   *
   * @param contactId the contact's id
   * @param type the event type (case-sensitive)
   * @param at when it happened
   * @param props the properties: strings, numbers and booleans by name (copied)
   * @return the event
   * @throws InvalidContactException if a value is refused, as by the canonical constructor
   * @throws NullPointerException if {@code props} is null
   */
  @SuppressWarnings("unchecked") // read only: the constructor copies the entries it checks
  public static Event of(String contactId, String type, Instant at, Map<String, ?> props) {
    // not Map.copyOf: a null name or value must be refused like any bad property, not throw NPE
    return new Event(contactId, type, at, (Map<String, Object>) Objects.requireNonNull(props, "props"));
  }

  /**
   * An event without properties.
   *
   * @param contactId the contact's id
   * @param type the event type (case-sensitive)
   * @param at when it happened
   * @return the event
   * @throws InvalidContactException if a value is refused, as by the canonical constructor
   */
  public static Event of(String contactId, String type, Instant at) {
    return new Event(contactId, type, at, Map.of());
  }

  private static String checkName(String contactId, String type, String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidContactException(contactId, null,
          "event " + Names.quote(type) + ": property names must be non-empty strings");
    }
    String problem = Names.problem("property name", name);
    if (problem != null) {
      throw new InvalidContactException(contactId, null, "event " + Names.quote(type) + ": "
          + problem);
    }
    return name;
  }

  private static Object scalar(String contactId, String type, String name, Object value) {
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      double d = n.doubleValue();
      return d == 0.0d ? 0.0d : d;
    }
    throw new InvalidContactException(contactId, null, "event " + Names.quote(type) + ": property "
        + Names.quote(name) + " must be a string, a finite number or a boolean, got "
        + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
  }
}
