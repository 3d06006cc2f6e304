package org.segmentdsl.internal.table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Names;
import org.segmentdsl.internal.Varints;
import org.segmentdsl.internal.column.Keys;
import org.segmentdsl.internal.snapshot.SnapshotFormat;

/**
 * The writer's copy of each contact, deal and account row as one small byte array rather than
 * objects: the writer needs a row's last values to turn an upsert into bitmap changes, but as
 * records of maps and boxed values they cost about 450 bytes a contact; encoded, about 80.
 *
 * <p>Layout: the fields first, as a varint count and then, in schema order, each present field's
 * position and value (so that {@link #field} reads one value without decoding the rest); then, for
 * contacts, the tags and the list memberships as numbers of this codec's name dictionary, and the
 * account id; for deals, the owner's id. Values: a number as its 8 IEEE bytes, a date as a
 * zigzag varint epoch day, a datetime as a zigzag varint epoch microsecond, a boolean as a byte,
 * a string as its length and its UTF-16 chars, each a varint (one byte for ASCII, and exact for
 * any Java string, unpaired surrogates included), a geo point as two numbers. Varints are
 * unsigned LEB128.
 *
 * <p>Writer only, not thread-safe: the index writer encodes and decodes under its lock.
 */
public final class RowCodec {
  private final String[] names;
  private final FieldType[] types;
  private final Map<String, Integer> positions = new HashMap<>();
  /** Tag and list names by number; they repeat across rows, so each is kept once. */
  private final Map<String, Integer> nameNumbers = new HashMap<>();
  /**
   * The names by number, {@code [0, nameCount)}: grown by copying into a new array, and written
   * only past {@code nameCount}, so that the array a published state holds ({@link #namesNow})
   * keeps every name its rows number.
   */
  private String[] namesByNumber = new String[16];
  private int nameCount;
  private byte[] buffer = new byte[256];
  private int length;

  public RowCodec(Map<String, FieldType> fields) {
    names = fields.keySet().toArray(new String[0]);
    types = fields.values().toArray(new FieldType[0]);
    for (int i = 0; i < names.length; i++) {
      positions.put(names[i], i);
    }
  }

  byte[] encode(ContactRow row) {
    length = 0;
    writeFields(row.fields());
    writeVarint(row.tags().size());
    for (String tag : row.tags()) {
      writeVarint(nameNumber(tag));
    }
    writeVarint(row.lists().size());
    row.lists().forEach((list, status) -> {
      writeVarint(nameNumber(list));
      writeVarint(SnapshotFormat.code(status)); // a stable code: rows are saved in snapshots
    });
    writeNullableString(row.account());
    return Arrays.copyOf(buffer, length);
  }

  ContactRow decodeContact(String id, byte[] bytes) {
    return decodeContact(id, bytes, 0);
  }

  /** The contact row encoded at {@code from} in {@code bytes}. */
  ContactRow decodeContact(String id, byte[] bytes, int from) {
    return decodeContact(id, bytes, from, namesByNumber);
  }

  /**
   * The contact row encoded at {@code from} in {@code bytes}, its tag and list numbers looked up
   * in {@code nameTable} (an array {@link #namesNow} gave when the row was current). Reads only
   * what never changes once written, so that any thread may decode the rows of a published state.
   */
  ContactRow decodeContact(String id, byte[] bytes, int from, String[] nameTable) {
    Reader r = new Reader(bytes, from);
    Map<String, Object> fields = readFields(r);
    String[] tags = new String[r.varintInt()];
    for (int i = 0; i < tags.length; i++) {
      tags[i] = nameTable[r.varintInt()];
    }
    int lists = r.varintInt();
    Map<String, ListStatus> memberships = new HashMap<>();
    for (int i = 0; i < lists; i++) {
      String list = nameTable[r.varintInt()];
      memberships.put(list, SnapshotFormat.listStatus(r.varintInt()));
    }
    return new ContactRow(id, Set.of(tags), memberships, fields, readNullableString(r));
  }

  byte[] encode(EntityRow row) {
    length = 0;
    writeFields(row.fields());
    writeNullableString(row.owner());
    return Arrays.copyOf(buffer, length);
  }

  EntityRow decodeEntity(String id, byte[] bytes) {
    return decodeEntity(id, bytes, 0);
  }

  /** The deal or account row encoded at {@code from} in {@code bytes}. */
  EntityRow decodeEntity(String id, byte[] bytes, int from) {
    Reader r = new Reader(bytes, from);
    Map<String, Object> fields = readFields(r);
    return new EntityRow(id, readNullableString(r), fields);
  }

  /**
   * What is wrong with a contact row that a snapshot file holds, or null if {@link
   * #decodeContact} can read it: walks the row as that reads it, checking every length, field
   * position and value, tag and list number (against the names {@link #restoreNames} gave) and
   * list status, and that the account id follows the names rule. Allocates only the account id.
   */
  String contactProblem(byte[] bytes) {
    Reader r = new Reader(bytes);
    try {
      String problem = fieldsProblem(r);
      for (long n = r.varint(); problem == null && n > 0; n--) {
        problem = nameNumberProblem(r.varint(), "tag");
      }
      for (long n = r.varint(); problem == null && n > 0; n--) {
        problem = nameNumberProblem(r.varint(), "list");
        if (problem == null && SnapshotFormat.listStatus(r.varintInt()) == null) {
          problem = "unknown list status";
        }
      }
      return problem != null ? problem : tailProblem(r, "account id");
    } catch (ArrayIndexOutOfBoundsException | ArithmeticException e) {
      return "ends before its last value";
    }
  }

  /**
   * What is wrong with a deal or account row that a snapshot file holds, or null if {@link
   * #decodeEntity} can read it; the owner (a deal's contact) must follow the names rule.
   */
  String entityProblem(byte[] bytes) {
    Reader r = new Reader(bytes);
    try {
      String problem = fieldsProblem(r);
      return problem != null ? problem : tailProblem(r, "contact id");
    } catch (ArrayIndexOutOfBoundsException | ArithmeticException e) {
      return "ends before its last value";
    }
  }

  /** Checks the fields as {@link #readFields} reads them: positions increasing, values whole. */
  private String fieldsProblem(Reader r) {
    long n = r.varint();
    if (n < 0 || n > types.length) {
      return n + " fields in a schema of " + types.length;
    }
    int last = -1;
    for (int i = 0; i < n; i++) {
      long position = r.varint();
      if (position <= last || position >= types.length) {
        return "field position " + position + " out of order or out of range";
      }
      last = (int) position;
      if (!skipCheckedValue(r, types[last])) {
        return "field " + Names.quote(names[last]) + " holds no " + types[last].name()
            .toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  /**
   * Skips one value as {@link #readValue} reads it; false if the value is not one it wrote (or
   * runs past the row's end).
   */
  private static boolean skipCheckedValue(Reader r, FieldType type) {
    switch (type) {
      case NUMBER -> r.pos += 8;
      case DATE -> {
        return ChronoField.EPOCH_DAY.range().isValidValue(Varints.unzigzag(r.varint()));
      }
      case DATETIME -> r.varint(); // any long of microseconds is an Instant
      case BOOLEAN -> {
        int b = r.bytes[r.pos++];
        return b == 0 || b == 1;
      }
      case STRING -> {
        for (long n = r.varint(); n > 0; n--) {
          if (r.varint() > Character.MAX_VALUE) {
            return false;
          }
        }
      }
      case GEO -> r.pos += 16;
    }
    return r.pos <= r.bytes.length;
  }

  private String nameNumberProblem(long number, String what) {
    return number >= 0 && number < nameCount ? null
        : what + " number " + number + " of " + nameCount + " names";
  }

  /** Checks the row's last value (an account or owner id, or none) and that nothing follows. */
  private static String tailProblem(Reader r, String what) {
    long n = r.varint();
    if (n < 0 || n - 1 > r.bytes.length - r.pos) {
      return what + " of " + Long.toUnsignedString(n - 1) + " characters runs past the row's end";
    }
    if (n > 0) {
      String problem = Names.problem(what, r.chars((int) n - 1));
      if (problem != null) {
        return problem;
      }
    }
    return r.pos == r.bytes.length ? null
        : (r.bytes.length - r.pos) + " bytes follow its last value";
  }

  /** One field's value in an encoded row, or null if the row has none. */
  Object field(byte[] bytes, String name) {
    return field(bytes, 0, name);
  }

  /** One field's value in the row encoded at {@code from} in {@code bytes}, or null. */
  Object field(byte[] bytes, int from, String name) {
    Integer target = positions.get(name);
    if (target == null) {
      return null;
    }
    Reader r = new Reader(bytes, from);
    int n = r.varintInt();
    for (int i = 0; i < n; i++) {
      int position = r.varintInt();
      if (position == target) {
        return readValue(r, types[position]);
      }
      if (position > target) {
        return null;
      }
      skipValue(r, types[position]);
    }
    return null;
  }

  /** The tag and list names by number, as of now (a copy). */
  List<String> names() {
    return List.of(Arrays.copyOf(namesByNumber, nameCount));
  }

  /**
   * The tag and list names by number as of now, for a published state's rows: the codec's own
   * array, whose entries below the current count are never written again. Writer only.
   */
  String[] namesNow() {
    return namesByNumber;
  }

  /** Numbers the names of a saved store as they were: on a codec that has numbered none. */
  void restoreNames(List<String> names) {
    if (nameCount > 0) {
      throw new IllegalStateException("names already numbered");
    }
    for (String name : names) {
      if (nameNumbers.putIfAbsent(name, nameCount) != null) {
        throw new IllegalArgumentException("name \"" + name + "\" numbered twice");
      }
      addName(name);
    }
  }

  private int nameNumber(String name) {
    Integer number = nameNumbers.get(name);
    if (number == null) {
      number = nameCount;
      addName(name);
      nameNumbers.put(name, number);
    }
    return number;
  }

  private void addName(String name) {
    if (nameCount == namesByNumber.length) {
      namesByNumber = Arrays.copyOf(namesByNumber, nameCount * 2);
    }
    namesByNumber[nameCount++] = name;
  }

  private void writeFields(Map<String, Object> fields) {
    writeVarint(fields.size());
    int[] present = new int[fields.size()];
    int n = 0;
    for (String name : fields.keySet()) {
      Integer position = positions.get(name);
      if (position == null) {
        throw new IllegalStateException("field not in the schema: " + name);
      }
      present[n++] = position;
    }
    Arrays.sort(present);
    for (int position : present) {
      writeVarint(position);
      writeValue(types[position], fields.get(names[position]));
    }
  }

  private Map<String, Object> readFields(Reader r) {
    int n = r.varintInt();
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      int position = r.varintInt();
      fields.put(names[position], readValue(r, types[position]));
    }
    return fields;
  }

  private void writeValue(FieldType type, Object value) {
    switch (type) {
      case NUMBER -> writeLong(Double.doubleToRawLongBits((Double) value));
      case DATE -> writeVarint(Varints.zigzag(((LocalDate) value).toEpochDay()));
      case DATETIME -> writeVarint(Varints.zigzag(Keys.floorMicros((Instant) value)));
      case BOOLEAN -> writeByte((Boolean) value ? 1 : 0);
      case STRING -> writeString((String) value);
      case GEO -> {
        GeoPoint p = (GeoPoint) value;
        writeLong(Double.doubleToRawLongBits(p.lat()));
        writeLong(Double.doubleToRawLongBits(p.lon()));
      }
    }
  }

  private static Object readValue(Reader r, FieldType type) {
    return switch (type) {
      case NUMBER -> Double.longBitsToDouble(r.fixedLong());
      case DATE -> LocalDate.ofEpochDay(Varints.unzigzag(r.varint()));
      case DATETIME -> {
        yield Keys.toInstant(Varints.unzigzag(r.varint()));
      }
      case BOOLEAN -> r.bytes[r.pos++] != 0;
      case STRING -> r.chars(r.varintInt());
      case GEO -> new GeoPoint(Double.longBitsToDouble(r.fixedLong()),
          Double.longBitsToDouble(r.fixedLong()));
    };
  }

  private static void skipValue(Reader r, FieldType type) {
    switch (type) {
      case NUMBER -> r.pos += 8;
      case DATE, DATETIME -> r.varint();
      case BOOLEAN -> r.pos++;
      case STRING -> {
        for (int n = r.varintInt(); n > 0; n--) {
          r.varintInt();
        }
      }
      case GEO -> r.pos += 16;
    }
  }

  /** A string, or null as length 0 (others have their length plus one). */
  private void writeNullableString(String s) {
    if (s == null) {
      writeVarint(0);
    } else {
      writeChars(s, 1);
    }
  }

  private static String readNullableString(Reader r) {
    int n = r.varintInt();
    return n == 0 ? null : r.chars(n - 1);
  }

  private void writeString(String s) {
    writeChars(s, 0);
  }

  private void writeChars(String s, int lengthOffset) {
    writeVarint(s.length() + (long) lengthOffset);
    for (int i = 0; i < s.length(); i++) {
      writeVarint(s.charAt(i));
    }
  }

  private void writeVarint(long v) {
    ensure(10);
    length = Varints.write(buffer, length, v);
  }

  private void writeLong(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buffer[length++] = (byte) (v >>> (8 * i));
    }
  }

  private void writeByte(int b) {
    ensure(1);
    buffer[length++] = (byte) b;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(length + more, buffer.length * 2));
    }
  }

  /** A read position in an encoded row. */
  private static final class Reader extends Varints.Reader {
    Reader(byte[] bytes) {
      super(bytes);
    }

    Reader(byte[] bytes, int from) {
      super(bytes);
      pos = from;
    }

    long fixedLong() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (bytes[pos++] & 0xFFL) << (8 * i);
      }
      return v;
    }

    String chars(int n) {
      char[] chars = new char[n];
      for (int i = 0; i < n; i++) {
        chars[i] = (char) varint();
      }
      return new String(chars);
    }
  }
}
