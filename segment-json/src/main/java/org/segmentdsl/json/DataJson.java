package org.segmentdsl.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.Deal;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.InstantRange;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Names;
import org.segmentdsl.Schema;
import org.segmentdsl.SegmentDslException;
import org.segmentdsl.internal.Suggestions;

/**
 * The objects of a dataset's lines (contacts, accounts, deals, events) and their field values,
 * read from parsed JSON ({@link JsonTree}) with the dataset format's checks: types per schema,
 * unknown keys and fields, list statuses, scalar event properties, instants with offset. One
 * place for them, so that a change stream ({@link ChangeStream}) checks a contact exactly as
 * {@code contacts.jsonl} does ({@link DatasetLoader}).
 *
 * <p>What depends on the other lines (duplicate ids, a contact or account that must exist) is
 * the caller's: it is asked through {@link References} at the point of the object where the
 * loader has always checked it, so that a line with several mistakes reports the same first one.
 */
final class DataJson {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private DataJson() {}

  /**
   * A mistake in an object: the message names the key or field at fault, and {@link #pointer()}
   * is where, as a JSON Pointer relative to the object read ({@code ""} for the object itself).
   */
  static class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    private final String pointer;

    Bad(String message) {
      this("", message);
    }

    Bad(String pointer, String message) {
      super(message, null, false, false);
      this.pointer = pointer;
    }

    String pointer() {
      return pointer;
    }

    /** The same mistake, found inside the value at {@code prefix}. */
    Bad under(String prefix) {
      return new Bad(prefix + pointer, getMessage());
    }
  }

  /**
   * A reference to a contact or account that was not loaded, when its own file had errors: its
   * line may be one of them. Thrown only after the object's own checks passed, so that those are
   * reported first; the loader counts these instead of reporting each.
   */
  static final class Unresolved extends Bad {
    private static final long serialVersionUID = 1L;

    Unresolved(String pointer, String message) {
      super(pointer, message);
    }
  }

  /**
   * What a dataset knows from its other lines. Each method may refuse with a {@link Bad}; the
   * defaults accept everything.
   */
  interface References {
    /** Accepts everything: the checks happen later, in an index batch. */
    References NONE = new References() {};

    /** A contact's, account's or deal's id, read before the rest of the object. */
    default void id(String kind, String id) throws Bad {}

    /** The contact a deal or event names, read before the rest of the object. */
    default void contact(String id) throws Bad {}

    /** The account a contact names, read last. */
    default void account(String id) throws Bad {}
  }

  /** A {@code contacts.jsonl} object. */
  static Contact contact(Map<String, Object> o, Schema schema, References refs) throws Bad {
    keys(o, Set.of("id", "tags", "lists", "fields", "account"));
    String id = id(o, "id", "contact id");
    refs.id("contact", id);
    Contact.Builder c = Contact.builder(id);
    Object tags = o.get("tags");
    if (tags != null) {
      if (!(tags instanceof List<?> list)) {
        throw new Bad("/tags", "\"tags\" must be an array of strings, got " + JsonText.show(tags));
      }
      for (int i = 0; i < list.size(); i++) {
        Object t = list.get(i);
        if (!(t instanceof String s) || s.isEmpty()) {
          throw new Bad("/tags/" + i, "tags must be non-empty strings, got " + JsonText.show(t));
        }
        name("/tags/" + i, "tag", s);
        c.tags(s);
      }
    }
    Object lists = o.get("lists");
    if (lists != null) {
      if (!(lists instanceof Map<?, ?> map)) {
        throw new Bad("/lists", "\"lists\" must be an object of list name to status, got "
            + JsonText.show(lists));
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = (String) e.getKey();
        if (name.isEmpty()) {
          throw new Bad("/lists/", "list names must be non-empty");
        }
        name("/lists/" + Pointers.escape(name), "list name", name);
        try {
          c.list(name, status(name, e.getValue()));
        } catch (Bad b) {
          throw b.under("/lists/" + Pointers.escape(name));
        }
      }
    }
    fields(o, schema.contactFields(), "").forEach(c::field);
    Object account = o.get("account");
    if (account != null) {
      if (!(account instanceof String a) || a.isEmpty()) {
        throw new Bad("/account", "\"account\" must be an account id, got "
            + JsonText.show(account));
      }
      name("/account", "account id", a);
      refs.account(a);
      c.account(a);
    }
    return build(c::build);
  }

  /** An {@code accounts.jsonl} object. */
  static Account account(Map<String, Object> o, Schema schema, References refs) throws Bad {
    keys(o, Set.of("id", "fields"));
    String id = id(o, "id", "account id");
    refs.id("account", id);
    Account.Builder a = Account.builder(id);
    fields(o, schema.accountFields(), "account ").forEach(a::field);
    return build(a::build);
  }

  /** A {@code deals.jsonl} object. */
  static Deal deal(Map<String, Object> o, Schema schema, References refs) throws Bad {
    keys(o, Set.of("id", "contact", "fields"));
    String id = id(o, "id", "deal id");
    refs.id("deal", id);
    ContactRef contact = contactRefLast(o, refs);
    Deal.Builder d = Deal.builder(id, contact.id());
    fields(o, schema.dealFields(), "deal ").forEach(d::field);
    Deal deal = build(d::build);
    contact.check();
    return deal;
  }

  /** An {@code events.jsonl} object; property numbers become doubles. */
  static Event event(Map<String, Object> o, References refs) throws Bad {
    keys(o, Set.of("contact", "type", "at", "props"));
    ContactRef contact = contactRefLast(o, refs);
    Object type = o.get("type");
    if (!(type instanceof String t) || t.isEmpty()) {
      throw new Bad("/type", "\"type\" must be a non-empty string, got " + JsonText.show(type));
    }
    name("/type", "event type", t);
    Object at = o.get("at");
    if (at == null) {
      throw new Bad("\"at\" is required");
    }
    Instant when;
    try {
      when = instant("\"at\"", at);
    } catch (Bad b) {
      throw b.under("/at");
    }
    Map<String, Object> props = new LinkedHashMap<>();
    Object p = o.get("props");
    if (p != null) {
      if (!(p instanceof Map<?, ?> map)) {
        throw new Bad("/props", "\"props\" must be an object, got " + JsonText.show(p));
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = (String) e.getKey();
        Object v = e.getValue();
        if (!name.isEmpty()) {
          name("/props/" + Pointers.escape(name), "prop name", name);
        }
        if (!(v instanceof String || v instanceof Boolean
            || v instanceof Number num && Double.isFinite(num.doubleValue()))) {
          throw new Bad("/props/" + Pointers.escape(name), "prop " + JsonText.show(name)
              + " must be a string, number or boolean, got " + JsonText.show(v));
        }
        if (name.isEmpty()) {
          throw new Bad("/props/", "prop names must be non-empty");
        }
        props.put(name, v instanceof Number num ? num.doubleValue() : v);
      }
    }
    Event event = build(() -> Event.of(contact.id(), t, when, props));
    contact.check();
    return event;
  }

  /**
   * The contact a deal or event names, with the {@link Unresolved} its reference gave, if any:
   * {@link #check} throws it after the object's own checks.
   */
  private record ContactRef(String id, Unresolved unresolved) {
    void check() throws Unresolved {
      if (unresolved != null) {
        throw unresolved;
      }
    }
  }

  private static ContactRef contactRefLast(Map<String, Object> o, References refs) throws Bad {
    try {
      return new ContactRef(contactRef(o, refs), null);
    } catch (Unresolved u) {
      return new ContactRef((String) o.get("contact"), u);
    }
  }

  /** The contact a deal or event names. */
  private static String contactRef(Map<String, Object> o, References refs) throws Bad {
    Object contact = o.get("contact");
    if (!(contact instanceof String c) || c.isEmpty()) {
      throw new Bad("/contact", "\"contact\" must be a contact id, got " + JsonText.show(contact));
    }
    name("/contact", "contact id", c);
    refs.contact(c);
    return c;
  }

  /**
   * The value types' constructors check what the reads above have already checked; should one
   * still refuse, that is a mistake in the line, not a crash.
   */
  private static <T> T build(Supplier<T> constructor) throws Bad {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | SegmentDslException e) {
      throw new Bad(e.getMessage());
    }
  }

  /** Refuses keys other than {@code allowed}. */
  static void keys(Map<String, Object> o, Set<String> allowed) throws Bad {
    for (String k : o.keySet()) {
      if (!allowed.contains(k)) {
        throw new Bad("/" + Pointers.escape(k), "unknown key " + JsonText.show(k) + " (allowed: "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  /**
   * A required non-empty string: an id, a tag, a list name; one that breaks the rule of {@link
   * Names} is named by its key ({@code tag "a\tb" contains a control character (U+0009)}).
   */
  static String id(Map<String, Object> o, String key) throws Bad {
    return id(o, key, key);
  }

  /** As {@link #id(Map, String)}, calling the value {@code what} in messages ("contact id"). */
  static String id(Map<String, Object> o, String key, String what) throws Bad {
    Object id = o.get(key);
    if (id == null) {
      throw new Bad("\"" + key + "\" is required");
    }
    if (!(id instanceof String s) || s.isEmpty()) {
      throw new Bad("/" + Pointers.escape(key), "\"" + key + "\" must be a non-empty string, got "
          + JsonText.show(id));
    }
    name("/" + Pointers.escape(key), what, s);
    return s;
  }

  /**
   * Refuses a non-empty id, tag, list name, event type or prop name that breaks the rule of
   * {@link Names}: too long, a control character, an unpaired surrogate.
   */
  static void name(String pointer, String what, String name) throws Bad {
    String problem = Names.problem(what, name);
    if (problem != null) {
      throw new Bad(pointer, problem);
    }
  }

  /** A status on a list, by its JSON name. */
  static ListStatus status(String list, Object value) throws Bad {
    if (value instanceof String s) {
      for (ListStatus status : ListStatus.values()) {
        if (status.jsonName().equals(s)) {
          return status;
        }
      }
    }
    throw new Bad("list \"" + list + "\": unknown status " + JsonText.show(value)
        + " (expected subscribed, unsubscribed, bounced or unconfirmed)");
  }

  /**
   * An object's {@code "fields"}, typed ({@code null} values left out: not set); {@code entity}
   * is how messages name the kind of field ({@code ""} for contacts, {@code "deal "}, ...).
   */
  private static Map<String, Object> fields(Map<String, Object> o, Map<String, FieldType> types,
      String entity) throws Bad {
    Object fields = o.get("fields");
    Map<String, Object> out = new LinkedHashMap<>();
    if (fields == null) {
      return out;
    }
    if (!(fields instanceof Map<?, ?> map)) {
      throw new Bad("/fields", "\"fields\" must be an object, got " + JsonText.show(fields));
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = (String) e.getKey();
      try {
        FieldType type = fieldType(name, types, entity);
        if (e.getValue() != null) {
          out.put(name, value(name, type, e.getValue()));
        }
      } catch (Bad b) {
        throw b.under("/fields/" + Pointers.escape(name));
      }
    }
    return out;
  }

  /** The type of a field that the schema has; {@code entity} as for {@link #fields}. */
  static FieldType fieldType(String name, Map<String, FieldType> types, String entity)
      throws Bad {
    FieldType type = types.get(name);
    if (type == null) {
      throw new Bad("unknown " + entity + "field " + JsonText.show(name)
          + Suggestions.didYouMean(name, types.keySet()));
    }
    return type;
  }

  /** A field's value as the index takes it: a JSON value checked against the field's type. */
  static Object value(String field, FieldType type, Object v) throws Bad {
    String where = "field \"" + field + "\"";
    switch (type) {
      case STRING:
        if (v instanceof String s) {
          return s;
        }
        break;
      case NUMBER:
        if (v instanceof Number num) {
          double d = num.doubleValue();
          if (!Double.isFinite(d)) {
            throw new Bad(where + ": number out of range");
          }
          return d;
        }
        break;
      case BOOLEAN:
        if (v instanceof Boolean b) {
          return b;
        }
        break;
      case DATE:
        if (v instanceof String s) {
          LocalDate d = date(s);
          if (d != null) {
            return d;
          }
        }
        break;
      case DATETIME:
        if (v instanceof String) {
          return instant(where, v);
        }
        break;
      case GEO:
        if (v instanceof Map<?, ?> m && m.size() == 2 && m.get("lat") instanceof Number la
            && m.get("lon") instanceof Number lo) {
          double lat = la.doubleValue();
          double lon = lo.doubleValue();
          if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            throw new Bad(where + ": lat must be within [-90, 90] and lon within [-180, 180], "
                + "got " + JsonText.show(v));
          }
          return new GeoPoint(lat, lon);
        }
        break;
      default:
        break;
    }
    throw new Bad(where + " expects " + expected(type) + ", got " + JsonText.show(v));
  }

  private static LocalDate date(String s) {
    if (!DATE.matcher(s).matches()) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * An ISO-8601 instant with offset from -290000-01-01 to +290000-12-31 (where epoch
   * microseconds fit a long), as written: the index truncates it to the microsecond, toward the
   * past; {@code where} names the value in the message.
   */
  static Instant instant(String where, Object v) throws Bad {
    if (v instanceof String s) {
      Instant i = Instants.parse(s);
      if (i != null && inRange(i)) {
        return i;
      }
    }
    throw new Bad(where + " expects an ISO-8601 instant with offset (\"2026-11-28T09:30:00Z\"), "
        + "got " + JsonText.show(v));
  }

  /** Whether an instant is within the range that the index keeps. */
  static boolean inRange(Instant i) {
    return InstantRange.contains(i);
  }

  private static String expected(FieldType type) {
    return switch (type) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case DATE -> "a date \"YYYY-MM-DD\"";
      case DATETIME -> "an ISO-8601 instant with offset";
      case GEO -> "{\"lat\": …, \"lon\": …}";
    };
  }
}
