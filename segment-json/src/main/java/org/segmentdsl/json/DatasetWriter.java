package org.segmentdsl.json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Names;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Writes an index's contacts, accounts, deals and events, and saved segments, as a dataset folder
 * ({@code docs/dataset-format.md}) that {@link DatasetLoader} reads back into an index answering
 * every segment as this one does, with the contacts in the same order.
 *
 * <pre>{@code
 * DatasetWriter.write(index.snapshot(), saved, Path.of("export"));
 * Dataset again = DatasetLoader.load(Path.of("export")); // the same contacts, the same answers
 * }</pre>
 *
 * <p>The folder gets {@code schema.json} ({@link SchemaJson#write}), {@code accounts.jsonl},
 * {@code contacts.jsonl}, {@code deals.jsonl}, {@code events.jsonl} (each always written, maybe
 * empty) and {@code segments/ID.json} (one per saved segment, {@link SegmentJson#write}; the
 * folder always made). Files are UTF-8, one compact JSON object a line, each line ending with
 * {@code \n}. The output is canonical: the same state gives the same bytes, so that writing,
 * loading and writing again gives identical files.
 *
 * <ul>
 *   <li>Accounts, contacts and deals in the order they were first added to the index (contacts in
 *       index order, which every {@code ids()} follows); events grouped by contact, in the same
 *       order, each contact's in time order (as {@link IndexSnapshot#events} gives them).
 *   <li>Keys in the order of the format's tables ({@code id, tags, lists, fields, account}; {@code
 *       id, contact, fields}; {@code contact, type, at, props}), empty ones left out; tags, list
 *       names and properties in name order, fields in schema order.
 *   <li>Values: numbers in their shortest exact form ({@code 4200}, {@code 0.1}, {@code 1.0E300});
 *       dates {@code YYYY-MM-DD}; datetimes and event times as ISO-8601 instants in UTC to the
 *       microsecond ({@code 2026-11-27T22:30:00.123456Z}); a geo coordinate of {@code -0.0} as
 *       {@code -0.0}.
 * </ul>
 *
 * <p>What the index holds is what a load gives back, except what an index cannot hold either:
 * see {@link IndexSnapshot#events} for what recording keeps of an event.
 *
 * <p>Atomic enough: the folder must be new (its parent must exist) or empty, and is refused
 * otherwise, so no dataset is ever mixed with another's files. Before anything is written, the
 * saved segments are checked to load with the dataset. If writing fails, the files written so far
 * (and the folder, if this call made it) are deleted. Stateless and thread-safe; the index may
 * change while its snapshot is written.
 */
public final class DatasetWriter {
  /** The longest line the loader reads: 1 MiB of UTF-8, its line ending not counted. */
  private static final int MAX_LINE = 1 << 20;

  private DatasetWriter() {}

  /**
   * Writes the latest snapshot of an index; see {@link #write(IndexSnapshot, SegmentRegistry,
   * Path)}.
   *
   * @param index the index, not null
   * @param segments the saved segments to write with it, not null ({@link SegmentRegistry#empty}
   *     for none)
   * @param dir the folder to write into: new (its parent must exist) or empty, not null
   * @throws IOException if the folder exists and is not empty or not a directory, or a file
   *     cannot be written (what was written is then deleted)
   * @throws IllegalArgumentException if the data holds what a dataset folder cannot (see {@link
   *     #write(IndexSnapshot, SegmentRegistry, Path)})
   */
  public static void write(ContactIndex index, SegmentRegistry segments, Path dir)
      throws IOException {
    write(Objects.requireNonNull(index, "index").snapshot(), segments, dir);
  }

  /**
   * Writes a snapshot and saved segments as a dataset folder.
   *
   * @param snapshot the state to write, not null
   * @param segments the saved segments to write with it, not null ({@link SegmentRegistry#empty}
   *     for none); each must fit the snapshot's schema and name only segments of the registry
   * @param dir the folder to write into: new (its parent must exist) or empty, not null
   * @throws IOException if the folder exists and is not empty or not a directory, or a file
   *     cannot be written (what was written is then deleted)
   * @throws IllegalArgumentException (before anything is written) if a saved segment does not fit
   *     the schema, names a segment the registry does not have, or passes the format's limits;
   *     or (what was written is then deleted) if the snapshot holds what the dataset format
   *     cannot: a string value with an unpaired surrogate (not Unicode text), a date outside the
   *     years 0000 to 9999, a line longer than 1 MiB. The message names the contact, deal,
   *     account or segment, and the field.
   */
  public static void write(IndexSnapshot snapshot, SegmentRegistry segments, Path dir)
      throws IOException {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(dir, "dir");
    Schema schema = snapshot.schema();
    Map<String, String> documents = documents(schema, Objects.requireNonNull(segments,
        "segments"));
    Folder folder = new Folder(dir);
    boolean written = false;
    try {
      folder.create();
      folder.writeDocument("schema.json", SchemaJson.write(schema));
      try (Lines out = folder.lines("accounts.jsonl")) {
        for (String id : snapshot.accountIds()) {
          account(out, schema, snapshot.account(id).orElseThrow());
        }
      }
      try (Lines out = folder.lines("contacts.jsonl")) {
        for (String id : snapshot.contactIds()) {
          contact(out, schema, snapshot.contact(id).orElseThrow());
        }
      }
      try (Lines out = folder.lines("deals.jsonl")) {
        for (String id : snapshot.dealIds()) {
          deal(out, schema, snapshot.deal(id).orElseThrow());
        }
      }
      try (Lines out = folder.lines("events.jsonl")) {
        for (String id : snapshot.contactIds()) {
          for (Event e : snapshot.events(id)) {
            event(out, e);
          }
        }
      }
      folder.directory("segments");
      for (Map.Entry<String, String> d : documents.entrySet()) {
        folder.writeDocument("segments/" + d.getKey() + ".json", d.getValue());
      }
      written = true;
    } finally {
      if (!written) {
        folder.delete();
      }
    }
  }

  /**
   * The saved segments' documents by id, each checked as the loader will check it: against the
   * schema and the registry, within the format's limits, Unicode text of at most 1 MiB.
   */
  private static Map<String, String> documents(Schema schema, SegmentRegistry segments) {
    Map<String, String> documents = new LinkedHashMap<>();
    for (String id : segments.ids()) {
      Segment segment = segments.get(id).orElseThrow();
      String json;
      try {
        json = SegmentJson.write(SegmentJson.check(segment, schema, segments));
      } catch (SegmentFormatException e) {
        throw new IllegalArgumentException("saved segment " + Names.quote(id)
            + " would not load with the dataset:\n" + e.getMessage(), e);
      }
      String what = "saved segment " + Names.quote(id);
      text(json, what);
      if (utf8Length(json) > SegmentJson.MAX_BYTES) {
        throw new IllegalArgumentException(what + " is larger than 1 MiB as JSON");
      }
      documents.put(id, json);
    }
    return documents;
  }

  private static void account(Lines out, Schema schema, Account a) throws IOException {
    JsonGenerator g = out.start();
    g.writeStartObject();
    g.writeName("id");
    g.writeString(a.id());
    fields(g, schema.accountFields(), a.fields(), "account " + Names.quote(a.id()));
    g.writeEndObject();
    out.end(g, "account " + Names.quote(a.id()));
  }

  private static void contact(Lines out, Schema schema, Contact c) throws IOException {
    String what = "contact " + Names.quote(c.id());
    JsonGenerator g = out.start();
    g.writeStartObject();
    g.writeName("id");
    g.writeString(c.id());
    if (!c.tags().isEmpty()) {
      g.writeName("tags");
      g.writeStartArray();
      for (String tag : c.tags()) {
        g.writeString(tag);
      }
      g.writeEndArray();
    }
    if (!c.lists().isEmpty()) {
      g.writeName("lists");
      g.writeStartObject();
      for (Map.Entry<String, ListStatus> l : c.lists().entrySet()) {
        g.writeName(l.getKey());
        g.writeString(l.getValue().jsonName());
      }
      g.writeEndObject();
    }
    fields(g, schema.contactFields(), c.fields(), what);
    if (c.account() != null) {
      g.writeName("account");
      g.writeString(c.account());
    }
    g.writeEndObject();
    out.end(g, what);
  }

  private static void deal(Lines out, Schema schema, Deal d) throws IOException {
    String what = "deal " + Names.quote(d.id());
    JsonGenerator g = out.start();
    g.writeStartObject();
    g.writeName("id");
    g.writeString(d.id());
    g.writeName("contact");
    g.writeString(d.contactId());
    fields(g, schema.dealFields(), d.fields(), what);
    g.writeEndObject();
    out.end(g, what);
  }

  private static void event(Lines out, Event e) throws IOException {
    String what = "event " + Names.quote(e.type()) + " of contact " + Names.quote(e.contactId())
        + " at " + e.at();
    JsonGenerator g = out.start();
    g.writeStartObject();
    g.writeName("contact");
    g.writeString(e.contactId());
    g.writeName("type");
    g.writeString(e.type());
    g.writeName("at");
    g.writeString(e.at().toString());
    if (!e.props().isEmpty()) {
      g.writeName("props");
      g.writeStartObject();
      for (Map.Entry<String, Object> p : e.props().entrySet()) {
        g.writeName(p.getKey());
        Object v = p.getValue();
        if (v instanceof String s) {
          g.writeString(text(s, what + ": prop " + Names.quote(p.getKey())));
        } else if (v instanceof Boolean b) {
          g.writeBoolean(b);
        } else {
          JsonText.writeNumber(g, (Double) v);
        }
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    out.end(g, what);
  }

  /** A {@code "fields"} object, in schema order; nothing if no field is set. */
  private static void fields(JsonGenerator g, Map<String, FieldType> types,
      Map<String, Object> values, String what) {
    if (values.isEmpty()) {
      return;
    }
    g.writeName("fields");
    g.writeStartObject();
    for (Map.Entry<String, FieldType> f : types.entrySet()) {
      Object v = values.get(f.getKey());
      if (v != null) {
        g.writeName(f.getKey());
        value(g, f.getValue(), v, what + ": field " + Names.quote(f.getKey()));
      }
    }
    g.writeEndObject();
  }

  /** A field's value as the dataset format writes it (values as the index keeps them). */
  private static void value(JsonGenerator g, FieldType type, Object v, String what) {
    switch (type) {
      case STRING -> g.writeString(text((String) v, what));
      case NUMBER -> JsonText.writeNumber(g, (Double) v);
      case BOOLEAN -> g.writeBoolean((Boolean) v);
      case DATE -> {
        LocalDate d = (LocalDate) v;
        if (d.getYear() < 0 || d.getYear() > 9999) {
          throw new IllegalArgumentException(what + " holds the date " + d
              + ": a dataset holds dates of the years 0000 to 9999 only");
        }
        g.writeString(d.toString());
      }
      case DATETIME -> g.writeString(v.toString()); // an Instant, UTC, to the microsecond
      case GEO -> {
        GeoPoint p = (GeoPoint) v;
        g.writeStartObject();
        g.writeName("lat");
        coordinate(g, p.lat());
        g.writeName("lon");
        coordinate(g, p.lon());
        g.writeEndObject();
      }
    }
  }

  /** A coordinate: a number, {@code -0.0} kept (a geo point keeps it, unlike a number field). */
  private static void coordinate(JsonGenerator g, double d) {
    if (Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(-0.0)) {
      g.writeNumber(d);
    } else {
      JsonText.writeNumber(g, d);
    }
  }

  /** Refuses a string that is not Unicode text: UTF-8 has no unpaired surrogate. */
  private static String text(String s, String what) {
    int i = JsonText.unpairedSurrogate(s);
    if (i >= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s holds an unpaired surrogate (U+%04X), which UTF-8 cannot hold", what,
          (int) s.charAt(i)));
    }
    return s;
  }

  /** The length of a string in UTF-8, unpaired surrogates (refused elsewhere) as 3 bytes. */
  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** One {@code .jsonl} file, a line at a time, each line checked before it is written. */
  private static final class Lines implements AutoCloseable {
    private final BufferedWriter out;
    private final StringWriter line = new StringWriter();

    Lines(BufferedWriter out) {
      this.out = out;
    }

    /** A generator of the next line. */
    JsonGenerator start() {
      line.getBuffer().setLength(0);
      return JsonTree.FACTORY.createGenerator(ObjectWriteContext.empty(), line);
    }

    /** Ends the line {@code g} wrote about {@code what}, and writes it. */
    void end(JsonGenerator g, String what) throws IOException {
      g.close();
      String s = line.toString();
      if (s.length() > MAX_LINE / 3) {
        long bytes = utf8Length(s);
        if (bytes > MAX_LINE) {
          throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: its line would be "
              + "%,d bytes long; a dataset's lines hold at most 1 MiB (1,048,576 bytes)", what,
              bytes));
        }
      }
      out.write(s);
      out.write('\n');
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** The folder being written, and what this call made in it, to delete if it fails. */
  private static final class Folder {
    private final Path dir;
    private final List<Path> made = new ArrayList<>();

    Folder(Path dir) {
      this.dir = dir;
    }

    /** Makes the folder, or checks that it is an empty one. */
    void create() throws IOException {
      if (Files.isDirectory(dir)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
          if (entries.iterator().hasNext()) {
            throw new FileSystemException(dir.toString(), null,
                "is not empty: a dataset is written into a new or empty folder");
          }
        }
        return;
      }
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a folder");
      }
      made.add(Files.createDirectory(dir));
    }

    void directory(String name) throws IOException {
      made.add(Files.createDirectory(dir.resolve(name)));
    }

    /** Writes a JSON document and a line ending. */
    void writeDocument(String name, String json) throws IOException {
      try (BufferedWriter out = open(name)) {
        out.write(json);
        out.write('\n');
      }
    }

    Lines lines(String name) throws IOException {
      return new Lines(open(name));
    }

    private BufferedWriter open(String name) throws IOException {
      Path file = dir.resolve(name);
      BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      made.add(file);
      return out;
    }

    /** Deletes what this call made, newest first; a failure to delete is left (best effort). */
    void delete() {
      for (int i = made.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(made.get(i));
        } catch (IOException e) {
          // a folder another process wrote into, a permission: nothing more to do here
        }
      }
    }
  }
}
