package org.segmentdsl.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.SegmentRegistry;

/**
 * Reads a dataset folder ({@code schema.json}, {@code contacts.jsonl}, optional {@code
 * accounts.jsonl}, {@code deals.jsonl}, {@code events.jsonl} and {@code segments/*.json}) into a
 * new {@link ContactIndex} and a registry of its saved segments.
 *
 * <p>Streaming: files are read a line at a time and fed to the index in batches; nothing holds a
 * whole file. All or nothing: every line is checked before it is fed, and if any line is wrong
 * the load ends with a {@link DatasetException} listing the problems (up to 100, each {@code
 * file:line: message}) and no index is returned. Strict, as the dataset format says: a {@code
 * date} is {@code "YYYY-MM-DD"}, a {@code datetime} an ISO-8601 instant with offset, unknown keys
 * and fields are errors, a line is at most 1 MiB.
 *
 * <pre>{@code
 * Dataset data = DatasetLoader.load(Path.of("data"));
 * data.index().evaluate(segment, EvaluationContext.current().withSegments(data.segments()));
 * }</pre>
 *
 * <p>Each call works alone; a loader is not shared between threads.
 */
public final class DatasetLoader {
  /** Reports how far a long load has come. */
  @FunctionalInterface
  public interface Progress {
    /** Called every {@value #PROGRESS_EVERY} lines of a file, and at its end. */
    void lines(String file, long lines);
  }

  static final int PROGRESS_EVERY = 250_000;
  private static final int CONTACT_BATCH = 20_000;
  private static final int EVENT_BATCH = 200_000;
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Instant MIN_INSTANT = Instant.parse("-290000-01-01T00:00:00Z");
  private static final Instant MAX_INSTANT = Instant.parse("+290000-01-01T00:00:00Z");

  private final Path dir;
  private final Progress progress;
  private final List<String> problems = new ArrayList<>();

  private DatasetLoader(Path dir, Progress progress) {
    this.dir = dir;
    this.progress = progress;
  }

  /** Loads a dataset folder. */
  public static Dataset load(Path dir) {
    return load(dir, null);
  }

  /**
   * Loads a dataset folder, reporting progress on long files.
   *
   * @throws DatasetException if a file is missing, unreadable or holds a mistake
   */
  public static Dataset load(Path dir, Progress progress) {
    Objects.requireNonNull(dir, "dir");
    return new DatasetLoader(dir, progress).run();
  }

  /** Stops the load once the limit is reached. */
  private static final class TooMany extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooMany() {
      super(null, null, false, false);
    }
  }

  private void problem(String file, int line, String message) {
    problems.add(dir.resolve(file) + (line > 0 ? ":" + line : "") + ": " + message);
    if (problems.size() >= DatasetException.MAX_PROBLEMS) {
      throw new TooMany();
    }
  }

  private Dataset run() {
    try {
      Schema schema = SchemaJson.read(dir.resolve("schema.json"), dir.resolve("schema.json").toString());
      ContactIndex index = ContactIndex.create(schema);
      Set<String> accounts = readAccounts(schema, index);
      readContacts(schema, index, accounts);
      readDeals(schema, index);
      readEvents(index);
      SegmentRegistry segments = SavedSegments.read(dir.resolve("segments"), schema, problems);
      if (!problems.isEmpty()) {
        throw new DatasetException(problems);
      }
      return new Dataset(schema, index, segments);
    } catch (TooMany e) {
      throw new DatasetException(problems);
    } catch (SchemaJson.Invalid e) {
      problems.addAll(e.problems());
      throw new DatasetException(problems);
    }
  }

  /** One JSONL file, line by line: parses each non-blank line to an object and hands it on. */
  private void eachLine(String file, boolean required, LineHandler handler) {
    eachLine(file, required, null, handler);
  }

  /**
   * One JSONL file, line by line; each line is first offered to {@code fast}, which takes the
   * well-formed ones straight from bytes, and the others are parsed to an object for {@code
   * handler}.
   */
  private void eachLine(String file, boolean required, FastHandler fast, LineHandler handler) {
    Path path = dir.resolve(file);
    try (InputStream in = Files.newInputStream(path)) {
      JsonLines lines = new JsonLines(in);
      while (lines.next()) {
        int n = lines.lineNo();
        if (lines.tooLong()) {
          problem(file, n, "line is longer than 1 MiB");
          continue;
        }
        if (lines.blank()) {
          continue;
        }
        if (!lines.validUtf8()) {
          problem(file, n, "not valid UTF-8");
          continue;
        }
        if (fast != null && fast.line(lines.bytes(), lines.length())) {
          if (progress != null && n % PROGRESS_EVERY == 0) {
            progress.lines(file, n);
          }
          continue;
        }
        Object value;
        try {
          value = JsonTree.parse(lines.bytes(), 0, lines.length());
        } catch (JsonTree.Malformed e) {
          problem(file, n, e.getMessage());
          continue;
        }
        if (!(value instanceof Map<?, ?> map)) {
          problem(file, n, "expected a JSON object, got " + JsonText.show(value));
          continue;
        }
        @SuppressWarnings("unchecked") // JsonTree makes maps with String keys
        Map<String, Object> object = (Map<String, Object>) map;
        try {
          handler.line(n, object);
        } catch (Bad e) {
          problem(file, n, e.getMessage());
        }
        if (progress != null && n % PROGRESS_EVERY == 0) {
          progress.lines(file, n);
        }
      }
      if (progress != null) {
        progress.lines(file, lines.lineNo());
      }
    } catch (NoSuchFileException e) {
      if (required) {
        problem(file, 0, "missing (a dataset needs " + file + ")");
      }
    } catch (IOException e) {
      problem(file, 0, "cannot read: " + e.getMessage());
    }
  }

  /** Takes a line from its bytes if it can; false hands it to the general path. */
  @FunctionalInterface
  private interface FastHandler {
    boolean line(byte[] bytes, int length);
  }

  @FunctionalInterface
  private interface LineHandler {
    void line(int lineNo, Map<String, Object> object) throws Bad;
  }

  /** A line's mistake (the message names the key or field at fault). */
  private static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    Bad(String message) {
      super(message, null, false, false);
    }
  }

  private Set<String> readAccounts(Schema schema, ContactIndex index) {
    Set<String> ids = new HashSet<>();
    List<Account> pending = new ArrayList<>();
    eachLine("accounts.jsonl", false, (n, o) -> {
      keys(o, Set.of("id", "fields"));
      String id = id(o, "id");
      if (!ids.add(id)) {
        throw new Bad("duplicate account id \"" + id + "\"");
      }
      Account.Builder a = Account.builder(id);
      fields(o, schema.accountFields(), "account ").forEach(a::field);
      pending.add(a.build());
    });
    if (problems.isEmpty()) {
      index.update(b -> pending.forEach(b::upsertAccount));
    }
    return ids;
  }

  /** The ids of contacts.jsonl (for duplicates, and the references of deals and events). */
  private final Set<String> contactIds = new HashSet<>();

  private void readContacts(Schema schema, ContactIndex index, Set<String> accounts) {
    Set<String> seen = contactIds;
    List<Contact> pending = new ArrayList<>();
    eachLine("contacts.jsonl", true, (n, o) -> {
      keys(o, Set.of("id", "tags", "lists", "fields", "account"));
      String id = id(o, "id");
      if (!seen.add(id)) {
        throw new Bad("duplicate contact id \"" + id + "\"");
      }
      Contact.Builder c = Contact.builder(id);
      Object tags = o.get("tags");
      if (tags != null) {
        if (!(tags instanceof List<?> list)) {
          throw new Bad("\"tags\" must be an array of strings, got " + JsonText.show(tags));
        }
        for (Object t : list) {
          if (!(t instanceof String s) || s.isEmpty()) {
            throw new Bad("tags must be non-empty strings, got " + JsonText.show(t));
          }
          c.tags(s);
        }
      }
      Object lists = o.get("lists");
      if (lists != null) {
        if (!(lists instanceof Map<?, ?> map)) {
          throw new Bad("\"lists\" must be an object of list name to status, got "
              + JsonText.show(lists));
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String name = (String) e.getKey();
          if (name.isEmpty()) {
            throw new Bad("list names must be non-empty");
          }
          c.list(name, status(name, e.getValue()));
        }
      }
      fields(o, schema.contactFields(), "").forEach(c::field);
      Object account = o.get("account");
      if (account != null) {
        if (!(account instanceof String a) || a.isEmpty()) {
          throw new Bad("\"account\" must be an account id, got " + JsonText.show(account));
        }
        if (!accounts.contains(a)) {
          throw new Bad("account \"" + a + "\" is not in accounts.jsonl");
        }
        c.account(a);
      }
      pending.add(c.build());
      if (pending.size() >= CONTACT_BATCH) {
        flushContacts(index, pending);
      }
    });
    flushContacts(index, pending);
  }

  private void flushContacts(ContactIndex index, List<Contact> pending) {
    if (problems.isEmpty() && !pending.isEmpty()) {
      index.update(b -> pending.forEach(b::upsert));
    }
    pending.clear();
  }

  private void readDeals(Schema schema, ContactIndex index) {
    Set<String> ids = new HashSet<>();
    List<Deal> pending = new ArrayList<>();
    eachLine("deals.jsonl", false, (n, o) -> {
      keys(o, Set.of("id", "contact", "fields"));
      String id = id(o, "id");
      if (!ids.add(id)) {
        throw new Bad("duplicate deal id \"" + id + "\"");
      }
      String contact = contactRef(o);
      Deal.Builder d = Deal.builder(id, contact);
      fields(o, schema.dealFields(), "deal ").forEach(d::field);
      pending.add(d.build());
      if (pending.size() >= CONTACT_BATCH) {
        flushDeals(index, pending);
      }
    });
    flushDeals(index, pending);
  }

  private void flushDeals(ContactIndex index, List<Deal> pending) {
    if (problems.isEmpty() && !pending.isEmpty()) {
      index.update(b -> pending.forEach(b::upsertDeal));
    }
    pending.clear();
  }

  private void readEvents(ContactIndex index) {
    List<Event> pending = new ArrayList<>();
    FastHandler fast = (bytes, length) -> {
      EventLines.Line line = EventLines.parse(bytes, length);
      if (line == null || !contactIds.contains(line.contact())
          || line.at().isBefore(MIN_INSTANT) || line.at().isAfter(MAX_INSTANT)) {
        return false;
      }
      pending.add(Event.of(line.contact(), line.type(), line.at(), line.props()));
      if (pending.size() >= EVENT_BATCH) {
        flushEvents(index, pending);
      }
      return true;
    };
    eachLine("events.jsonl", false, fast, (n, o) -> {
      keys(o, Set.of("contact", "type", "at", "props"));
      String contact = contactRef(o);
      Object type = o.get("type");
      if (!(type instanceof String t) || t.isEmpty()) {
        throw new Bad("\"type\" must be a non-empty string, got " + JsonText.show(type));
      }
      Object at = o.get("at");
      if (at == null) {
        throw new Bad("\"at\" is required");
      }
      Instant when = instant("\"at\"", at);
      Map<String, Object> props = new LinkedHashMap<>();
      Object p = o.get("props");
      if (p != null) {
        if (!(p instanceof Map<?, ?> map)) {
          throw new Bad("\"props\" must be an object, got " + JsonText.show(p));
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
          Object v = e.getValue();
          if (!(v instanceof String || v instanceof Boolean
              || v instanceof Number num && Double.isFinite(num.doubleValue()))) {
            throw new Bad("prop \"" + e.getKey() + "\" must be a string, number or boolean, got "
                + JsonText.show(v));
          }
          props.put((String) e.getKey(), v instanceof Number num ? num.doubleValue() : v);
        }
      }
      pending.add(Event.of(contact, t, when, props));
      if (pending.size() >= EVENT_BATCH) {
        flushEvents(index, pending);
      }
    });
    flushEvents(index, pending);
  }

  private void flushEvents(ContactIndex index, List<Event> pending) {
    if (problems.isEmpty() && !pending.isEmpty()) {
      index.update(b -> pending.forEach(b::record));
    }
    pending.clear();
  }

  /** The contact a deal or event line names, which contacts.jsonl must hold. */
  private String contactRef(Map<String, Object> o) throws Bad {
    Object contact = o.get("contact");
    if (!(contact instanceof String c) || c.isEmpty()) {
      throw new Bad("\"contact\" must be a contact id, got " + JsonText.show(contact));
    }
    if (!contactIds.contains(c)) {
      throw new Bad("contact \"" + c + "\" is not in contacts.jsonl");
    }
    return c;
  }

  private static void keys(Map<String, Object> o, Set<String> allowed) throws Bad {
    for (String k : o.keySet()) {
      if (!allowed.contains(k)) {
        throw new Bad("unknown key \"" + k + "\" (allowed: " + String.join(", ",
            allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private static String id(Map<String, Object> o, String key) throws Bad {
    Object id = o.get(key);
    if (id == null) {
      throw new Bad("\"" + key + "\" is required");
    }
    if (!(id instanceof String s) || s.isEmpty()) {
      throw new Bad("\"" + key + "\" must be a non-empty string, got " + JsonText.show(id));
    }
    return s;
  }

  private static ListStatus status(String list, Object value) throws Bad {
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

  /** The line's typed field values (null values left out: not set). */
  private static Map<String, Object> fields(Map<String, Object> o, Map<String, FieldType> types,
      String entity) throws Bad {
    Object fields = o.get("fields");
    Map<String, Object> out = new LinkedHashMap<>();
    if (fields == null) {
      return out;
    }
    if (!(fields instanceof Map<?, ?> map)) {
      throw new Bad("\"fields\" must be an object, got " + JsonText.show(fields));
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = (String) e.getKey();
      FieldType type = types.get(name);
      if (type == null) {
        throw new Bad("unknown " + entity + "field \"" + name + "\""
            + org.segmentdsl.internal.Suggestions.didYouMean(name, types.keySet()));
      }
      if (e.getValue() != null) {
        out.put(name, value(name, type, e.getValue()));
      }
    }
    return out;
  }

  private static Object value(String field, FieldType type, Object v) throws Bad {
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

  private static Instant instant(String where, Object v) throws Bad {
    if (v instanceof String s) {
      Instant i = Instants.parse(s);
      if (i != null && !i.isBefore(MIN_INSTANT) && !i.isAfter(MAX_INSTANT)) {
        return i;
      }
    }
    throw new Bad(where + " expects an ISO-8601 instant with offset (\"2026-11-28T09:30:00Z\"), got "
        + JsonText.show(v));
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
