package org.segmentdsl.internal.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.FieldType;
import org.segmentdsl.InvalidSnapshotException.Problem;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentDslException;
import org.segmentdsl.internal.column.BitmapMap;
import org.segmentdsl.internal.column.ChunkedArray;
import org.segmentdsl.internal.column.ChunkedInts;
import org.segmentdsl.internal.column.Columns;
import org.segmentdsl.internal.column.FieldColumn;
import org.segmentdsl.internal.column.ListKey;
import org.segmentdsl.internal.event.EventColumn;
import org.segmentdsl.internal.event.Events;
import org.segmentdsl.internal.snapshot.PositionalInputStream;
import org.segmentdsl.internal.snapshot.SegmentCodec;
import org.segmentdsl.internal.snapshot.SnapshotDamage;
import org.segmentdsl.internal.snapshot.SnapshotFormat;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotSource;
import org.segmentdsl.internal.table.AccountMembers;
import org.segmentdsl.internal.table.ContactRow;
import org.segmentdsl.internal.table.IdDictionary;
import org.segmentdsl.internal.table.IndexData;
import org.segmentdsl.internal.table.Relations;
import org.segmentdsl.internal.table.RowStore;

/**
 * Reads a snapshot file ({@link SnapshotFormat}) back into an {@link IndexWriter} and its saved
 * segments, checking every checksum before the bytes it covers are parsed. Any damage is a {@link
 * SnapshotDamage}; nothing of a damaged file escapes.
 */
public final class SnapshotReader {
  private final SnapshotSource source;
  private final long size;

  // what the sections hold, in file order
  private long contacts;
  private long events;
  private long deals;
  private long accounts;
  private long segmentCount;
  private long version;
  private int formatVersion;
  private Schema schema;
  private IdDictionary dictionary;
  private RowStore<ContactRow> rows;
  private RoaringBitmap universe;
  private BitmapMap<String> tags;
  private BitmapMap<ListKey> lists;
  private final Map<String, FieldColumn> fields = new LinkedHashMap<>();
  private Events eventIndex;
  private ChunkedArray<byte[]> eventTimes;
  private List<EventColumn.Hours> eventHours; // null in format version 1
  private List<BitmapMap<Long>> eventPropertyDays; // null in format versions 1 and 2
  private EntityWriter dealTable;
  private ChunkedInts dealOwners;
  private ChunkedArray<int[]> dealsByOwner;
  private EntityWriter accountTable;
  private AccountMembers accountMembers;
  private ChunkedInts accountOf;
  private final List<Segment> segments = new ArrayList<>();

  private SnapshotReader(InputStream in, long size) {
    this.source = new SnapshotSource(in);
    this.size = size;
  }

  /**
   * What a snapshot file held.
   *
   * @param writer a writer holding the saved state, to build an index on
   * @param segments the saved segments
   * @param summary the counts, and the file's length
   */
  public record Read(IndexWriter writer, List<Segment> segments, SnapshotWriter.Written summary) {}

  /**
   * Reads a snapshot from {@code in} to its end.
   *
   * @param size the file's size if known (a path), else -1 (a stream)
   * @throws SnapshotDamage if the bytes are not a whole, undamaged snapshot
   * @throws IOException if they cannot be read
   */
  public static Read read(InputStream in, long size) throws IOException {
    try {
      return new SnapshotReader(in, size).readAll(null);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Reads a snapshot file, its sections in parallel: each from its own offset on a thread of a
   * pool of up to four, largest first, with one more task checking the whole file's checksum.
   * The first damage in file order is the one reported.
   *
   * @throws SnapshotDamage if the file is not a whole, undamaged snapshot
   * @throws IOException if it cannot be read
   */
  public static Read read(FileChannel channel) throws IOException {
    try {
      return new SnapshotReader(new PositionalInputStream(channel, 0), channel.size())
          .readAll(channel);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Reads the file, in parallel from {@code channel} if not null, else in order from source. */
  private Read readAll(FileChannel channel) throws IOException {
    int headerLength = readPrelude();
    byte[] header = new byte[headerLength];
    source.readFully(header, 0, headerLength);
    if (SnapshotFormat.crc(header, 0, headerLength - 4)
        != SnapshotFormat.intAt(header, headerLength - 4)) {
      throw new SnapshotDamage(Problem.CHECKSUM, "checksum mismatch in the header");
    }
    long length = SnapshotFormat.longAt(header, 4);
    source.expect(length);
    if (size >= 0 && size < length) {
      throw new SnapshotDamage(Problem.TRUNCATED, "truncated at byte " + size + " of " + length);
    }
    if (size > length) {
      throw new SnapshotDamage(Problem.APPENDED, (size - length)
          + " bytes follow the end of the snapshot at byte " + length);
    }
    Map<String, Long> sections = sections(header, length, formatVersion);
    Map<String, Consumer<SnapshotIn>> parsers = parsers();
    if (channel != null) {
      readInParallel(channel, sections, parsers, length);
      return result(length);
    }
    sections.forEach((name, payload) -> parse(source, name, payload, parsers.get(name)));
    int crc = source.crc();
    if (source.readInt() != crc) {
      throw new SnapshotDamage(Problem.CHECKSUM, "checksum mismatch over the whole file");
    }
    if (size < 0 && source.hasMore()) {
      throw new SnapshotDamage(Problem.APPENDED,
          "bytes follow the end of the snapshot at byte " + length);
    }
    return result(length);
  }

  private Read result(long length) {
    return new Read(build(), List.copyOf(segments), new SnapshotWriter.Written((int) contacts,
        events, (int) deals, (int) accounts, (int) segmentCount, length));
  }

  /** Parses one section's payload from {@code from}; anything that breaks the format is damage. */
  private void parse(SnapshotSource from, String name, long payload,
      Consumer<SnapshotIn> parser) {
    SnapshotIn in = new SnapshotIn(from, name, payload, formatVersion);
    try {
      parser.accept(in);
    } catch (SnapshotDamage | UncheckedIOException e) {
      throw e;
    } catch (IllegalArgumentException | SegmentDslException e) { // the library's own checks
      throw in.malformed(e.getMessage());
    } catch (RuntimeException e) { // anything else, in no words of a library's internals
      throw in.malformed("values that do not fit together (no snapshot writer makes them)");
    }
    in.finish();
  }

  /**
   * The summary and the schema in order (the others need the schema), then every other section
   * from its own offset, and the whole file's checksum, on a small pool.
   */
  private void readInParallel(FileChannel channel, Map<String, Long> sections,
      Map<String, Consumer<SnapshotIn>> parsers, long length) throws IOException {
    List<String> names = List.copyOf(sections.keySet());
    long offset = source.offset();
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (String name : names) {
      offsets.put(name, offset);
      offset += SnapshotFormat.sectionBytes(sections.get(name));
    }
    for (String name : List.of("summary", "schema")) {
      parse(source, name, sections.get(name), parsers.get(name));
    }
    List<String> rest = new ArrayList<>(names.subList(2, names.size()));
    rest.sort((a, b) -> Long.compare(sections.get(b), sections.get(a))); // largest first
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread t = new Thread(task, "segment-dsl snapshot load");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<String, Future<?>> tasks = new LinkedHashMap<>();
      for (String name : rest) {
        tasks.put(name, pool.submit(() -> parse(new SnapshotSource(
            new PositionalInputStream(channel, offsets.get(name))), name, sections.get(name),
            parsers.get(name))));
      }
      Future<?> wholeFile = pool.submit(() -> checkWholeFile(channel, length));
      RuntimeException first = null;
      for (String name : names.subList(2, names.size())) { // damage reported in file order
        first = first != null ? first : failure(tasks.get(name));
      }
      first = first != null ? first : failure(wholeFile);
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** What a task threw (damage, or an I/O error as unchecked), or null. */
  private static RuntimeException failure(Future<?> task) throws IOException {
    try {
      task.get();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while loading a snapshot");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        return r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IOException(e.getCause());
    }
  }

  /** Checks the trailer: the CRC32C of every byte before it. */
  private static void checkWholeFile(FileChannel channel, long length) {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = ByteBuffer.allocate(SnapshotFormat.CHUNK);
    try {
      for (long at = 0; at < length - 4; ) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), length - 4 - at));
        int n = channel.read(buffer, at);
        if (n < 0) {
          throw new SnapshotDamage(Problem.TRUNCATED, "truncated at byte " + at + " of " + length);
        }
        buffer.flip();
        crc.update(buffer);
        at += n;
      }
      ByteBuffer trailer = ByteBuffer.allocate(4);
      while (trailer.hasRemaining()) {
        if (channel.read(trailer, length - 4 + trailer.position()) < 0) {
          throw new SnapshotDamage(Problem.TRUNCATED, "truncated at byte " + (length - 4
              + trailer.position()) + " of " + length);
        }
      }
      if (trailer.getInt(0) != (int) crc.getValue()) {
        throw new SnapshotDamage(Problem.CHECKSUM, "checksum mismatch over the whole file");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks the magic, the prelude's checksum and the format version (kept in {@code
   * formatVersion}); returns the header's length.
   */
  private int readPrelude() {
    byte[] prelude = new byte[SnapshotFormat.PRELUDE];
    int n = source.readUpTo(prelude, prelude.length);
    if (n < prelude.length) {
      if (n == 0) {
        throw new SnapshotDamage(Problem.EMPTY, "the file is empty");
      }
      if (startsLikeMagic(prelude, n)) {
        throw new SnapshotDamage(Problem.TRUNCATED,
            "truncated at byte " + n + ", inside the snapshot's header");
      }
      throw notASnapshot();
    }
    if (!startsLikeMagic(prelude, SnapshotFormat.MAGIC.length)) {
      throw notASnapshot();
    }
    if (SnapshotFormat.crc(prelude, 0, 16) != SnapshotFormat.intAt(prelude, 16)) {
      throw new SnapshotDamage(Problem.CHECKSUM, "checksum mismatch in the file's prelude");
    }
    int version = SnapshotFormat.intAt(prelude, 8);
    if (version > SnapshotFormat.VERSION || version < 0) {
      throw new SnapshotDamage(Problem.NEWER_VERSION, "format version "
          + Integer.toUnsignedString(version) + " is newer than this library ("
          + SnapshotFormat.VERSION + ")");
    }
    if (version < 1) {
      throw new SnapshotDamage(Problem.MALFORMED, "unknown format version " + version);
    }
    formatVersion = version;
    int headerLength = SnapshotFormat.intAt(prelude, 12);
    if (headerLength < 17 || headerLength > SnapshotFormat.MAX_HEADER) {
      throw new SnapshotDamage(Problem.MALFORMED, "header length " + headerLength
          + " out of range");
    }
    return headerLength;
  }

  private static boolean startsLikeMagic(byte[] bytes, int n) {
    for (int i = 0; i < Math.min(n, SnapshotFormat.MAGIC.length); i++) {
      if (bytes[i] != SnapshotFormat.MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static SnapshotDamage notASnapshot() {
    return new SnapshotDamage(Problem.NOT_A_SNAPSHOT,
        "not a snapshot file (it does not start with a snapshot's magic bytes)");
  }

  /** The sections the header lists, checked against the format and the file's length. */
  private static Map<String, Long> sections(byte[] header, long length, int formatVersion) {
    if (SnapshotFormat.intAt(header, 0) != 0) {
      throw new SnapshotDamage(Problem.MALFORMED, "unknown header flags");
    }
    int count = header[12] & 0xFF;
    Map<String, Long> sections = new LinkedHashMap<>();
    int at = 13;
    long total = SnapshotFormat.PRELUDE + header.length + 4L;
    for (int i = 0; i < count; i++) {
      if (at >= header.length - 4) {
        throw new SnapshotDamage(Problem.MALFORMED, "header too short for " + count + " sections");
      }
      int n = header[at++] & 0xFF;
      if (at + n + 8 > header.length - 4) {
        throw new SnapshotDamage(Problem.MALFORMED, "header too short for " + count + " sections");
      }
      String name = new String(header, at, n, StandardCharsets.US_ASCII);
      long payload = SnapshotFormat.longAt(header, at + n);
      at += n + 8;
      if (payload < 0 || payload > length) {
        throw new SnapshotDamage(Problem.MALFORMED, "section \"" + name + "\" of " + payload
            + " bytes in a file of " + length);
      }
      sections.put(name, payload);
      total += SnapshotFormat.sectionBytes(payload);
    }
    List<String> expected = SnapshotFormat.sections(formatVersion);
    if (at != header.length - 4 || !List.copyOf(sections.keySet()).equals(expected)) {
      throw new SnapshotDamage(Problem.MALFORMED, "the header lists sections " + sections.keySet()
          + ", format version " + formatVersion + " has " + expected);
    }
    if (total != length) {
      throw new SnapshotDamage(Problem.MALFORMED, "the sections take " + total
          + " bytes, the header says the file has " + length);
    }
    return sections;
  }

  private Map<String, Consumer<SnapshotIn>> parsers() {
    Map<String, Consumer<SnapshotIn>> p = new LinkedHashMap<>();
    p.put("summary", in -> {
      contacts = in.readInt(Integer.MAX_VALUE);
      events = in.readVarint();
      deals = in.readInt(Integer.MAX_VALUE);
      accounts = in.readInt(Integer.MAX_VALUE);
      segmentCount = in.readInt(Integer.MAX_VALUE);
      version = in.readVarint();
    });
    p.put("schema", in -> {
      Schema.Builder b = Schema.builder();
      readFields(in, b::contactField);
      readFields(in, b::dealField);
      readFields(in, b::accountField);
      schema = b.build();
    });
    p.put("contacts", in -> {
      dictionary = IdDictionary.readFrom(in, "contact id");
      universe = in.readBitmap();
      rows = IndexWriter.newStore(schema, dictionary);
      rows.readFrom(in, dictionary.size());
      check(in, universe, dictionary.size(), "contacts");
      check(in, contacts == universe.getCardinality(), "the summary's contact count");
    });
    p.put("tags", in -> tags = BitmapMap.readFrom(in, i -> i.readName("tag")));
    p.put("lists", in -> lists = BitmapMap.readFrom(in, i -> {
      String list = i.readName("list name");
      ListStatus status = SnapshotFormat.listStatus(i.readByte());
      if (status == null) {
        throw i.malformed("unknown list status");
      }
      return new ListKey(list, status);
    }));
    p.put("fields", in -> schema.contactFields().forEach(
        (name, type) -> fields.put(name, Columns.readFrom(in, type))));
    p.put("events", in -> eventIndex = Events.readFrom(in));
    p.put("event-times", in -> eventTimes = Events.readTimes(in));
    p.put("event-hours", in -> eventHours = Events.readHours(in));
    p.put("event-property-days", in -> eventPropertyDays = Events.readPropertyDays(in));
    p.put("deals", in -> {
      dealTable = EntityWriter.readFrom(in, "deal", schema.dealFields());
      dealOwners = ChunkedInts.readFrom(in);
      dealsByOwner = ChunkedArray.readFrom(in, SnapshotReader::readRows);
      check(in, deals == dealTable.current().universe().getCardinality(),
          "the summary's deal count");
    });
    p.put("accounts", in -> {
      accountTable = EntityWriter.readFrom(in, "account", schema.accountFields());
      accountMembers = AccountMembers.readFrom(in, accountTable.rowsGiven());
      accountOf = ChunkedInts.readFrom(in);
      check(in, accounts == accountTable.current().universe().getCardinality(),
          "the summary's account count");
    });
    p.put("segments", in -> {
      int n = in.count(1);
      check(in, n == segmentCount, "the summary's segment count");
      for (int i = 0; i < n; i++) {
        segments.add(SegmentCodec.decode(in.readByteArray()));
      }
    });
    return p;
  }

  /** One entity's fields; the schema builder refuses a bad or repeated name, at its byte. */
  private static void readFields(SnapshotIn in, BiConsumer<String, FieldType> to) {
    int n = in.count(2);
    for (int i = 0; i < n; i++) {
      long at = in.position();
      String name = in.readString();
      FieldType type = SnapshotFormat.fieldType(in.readByte());
      if (type == null) {
        throw in.malformed("unknown field type");
      }
      try {
        to.accept(name, type);
      } catch (IllegalArgumentException | SegmentDslException e) {
        throw in.malformedAt(at, e.getMessage());
      }
    }
  }

  private static int[] readRows(SnapshotIn in) {
    long n = in.readVarint();
    if (n == 0) {
      return null;
    }
    if (n - 1 > in.remaining()) {
      throw in.malformed(n - 1 + " rows do not fit");
    }
    int[] rows = new int[(int) (n - 1)];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = in.readInt(Integer.MAX_VALUE);
    }
    return rows;
  }

  private static void check(SnapshotIn in, RoaringBitmap rows, int ids, String what) {
    if (!rows.isEmpty() && rows.last() >= ids) {
      throw in.malformed(what + " has row " + rows.last() + " of " + ids + " ids");
    }
  }

  private static void check(SnapshotIn in, boolean holds, String what) {
    if (!holds) {
      throw in.malformed(what + " does not match the data");
    }
  }

  /**
   * The events read, with their times, from format version 2 on their hours, and their property
   * day buckets: read from version 3 on, made from the events before.
   */
  private Events events() {
    Events events = eventsWithHours();
    if (eventPropertyDays == null) {
      return events.withPropertyDaysRebuilt();
    }
    if (eventPropertyDays.size() != countTypes(events)) {
      throw new SnapshotDamage(Problem.MALFORMED, "section \"event-property-days\" has the "
          + "buckets of " + eventPropertyDays.size() + " event types, section \"events\" "
          + countTypes(events));
    }
    return events.withPropertyDays(eventPropertyDays, "event-property-days");
  }

  private Events eventsWithHours() {
    Events events = eventIndex.withTimes(eventTimes);
    for (int row = 0; row < dictionary.size(); row++) {
      String problem = events.problem(row);
      if (problem != null) {
        throw new SnapshotDamage(Problem.MALFORMED, "section \"event-times\": row " + row + ": "
            + problem);
      }
    }
    if (eventHours == null) {
      return events;
    }
    if (eventHours.size() != countTypes(events)) {
      throw new SnapshotDamage(Problem.MALFORMED, "section \"event-hours\" has the hours of "
          + eventHours.size() + " event types, section \"events\" " + countTypes(events));
    }
    return events.withHours(eventHours);
  }

  private static int countTypes(Events events) {
    int n = 0;
    for (String ignored : events.types()) {
      n++;
    }
    return n;
  }

  private IndexWriter build() {
    Relations relations = new Relations(dealTable.current(), dealOwners, accountTable.current(),
        accountMembers, dealsByOwner, accountOf);
    IndexData data = new IndexData(schema, version, universe, dictionary, dictionary.ids(),
        tags, lists, Map.copyOf(fields), events(), relations, rows.publish());
    return new IndexWriter(dictionary, rows, dealTable, accountTable, data);
  }
}
