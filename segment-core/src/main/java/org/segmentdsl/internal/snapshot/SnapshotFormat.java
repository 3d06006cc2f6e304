package org.segmentdsl.internal.snapshot;

import java.util.List;
import java.util.zip.CRC32C;
import org.segmentdsl.FieldType;
import org.segmentdsl.ListStatus;

/**
 * The layout of a snapshot file, format version {@value #VERSION}. The repository's {@code
 * docs/snapshot-format.md} describes it for users; this is the reference.
 *
 * <pre>
 * file     := prelude header section* trailer
 * prelude  := magic (8 bytes: 0x89 "SEGSNAP") version (u32) headerLength (u32)
 *             crc (u32: CRC32C of the prelude's bytes before it)
 * header   := flags (u32, 0) length (u64: the whole file's bytes) count (u8)
 *             (nameLength (u8) name (ASCII) payloadLength (u64)){count} crc (u32: CRC32C of the
 *             header's bytes before it)
 * section  := (chunk crc){ceil(payloadLength / 1 MiB)}   its payload cut into 1 MiB chunks, the
 *             last one shorter, each followed by the CRC32C of its bytes
 * trailer  := crc (u32: CRC32C of every byte of the file before it)
 * </pre>
 *
 * <p>Fixed-width integers are big-endian. The prelude is the same in every format version, so
 * that a library can tell a newer file ("format version 3 is newer than this library (2)") from a
 * damaged one (its prelude checksum fails) without knowing the newer header. The header gives
 * every section's length before any section, so that a truncated file is reported with the
 * length it should have and nothing is allocated beyond what the file holds; the chunk checksums
 * let the reader check each megabyte before it parses it, so that damaged bytes are never parsed.
 *
 * <p>Payload encodings ({@link SnapshotOut}, {@link SnapshotIn}): unsigned LEB128 varints for
 * counts, lengths and rows; zigzag varints for signed values; strings as their length and UTF-16
 * units as varints; bitmaps in RoaringBitmap's portable serialisation, with short forms for the
 * empty bitmap and a single row. Each structure writes itself ({@code writeTo}) and reads itself
 * back ({@code readFrom}) next to its fields.
 */
public final class SnapshotFormat {
  /** The format version this library writes. */
  public static final int VERSION = 5;

  /** The first bytes of every snapshot file. */
  public static final byte[] MAGIC = {(byte) 0x89, 'S', 'E', 'G', 'S', 'N', 'A', 'P'};

  /** Bytes of the prelude: magic, version, header length, checksum. */
  public static final int PRELUDE = 20;

  /** The longest header a reader accepts. */
  public static final int MAX_HEADER = 1 << 16;

  /** Payload bytes of a section's chunks (the last chunk of a section may be shorter). */
  public static final int CHUNK = 1 << 20;

  /** The sections of format version 1, in file order. */
  private static final List<String> SECTIONS_1 = List.of("summary", "schema", "contacts", "tags",
      "lists", "fields", "events", "event-times", "deals", "accounts", "segments");

  /** The sections of format version 2: version 1's and the events' hour bitmaps. */
  private static final List<String> SECTIONS_2 = List.of("summary", "schema", "contacts", "tags",
      "lists", "fields", "events", "event-times", "event-hours", "deals", "accounts", "segments");

  /** The sections of format version 3: version 2's and the events' property day buckets. */
  public static final List<String> SECTIONS = List.of("summary", "schema", "contacts", "tags",
      "lists", "fields", "events", "event-times", "event-hours", "event-property-days", "deals",
      "accounts", "segments");

  /** The sections of a format version from 1 to {@link #VERSION}, in file order. */
  public static List<String> sections(int version) {
    return switch (version) {
      case 1 -> SECTIONS_1;
      case 2 -> SECTIONS_2;
      default -> SECTIONS;
    };
  }

  private SnapshotFormat() {}

  /** The payload length plus the chunk checksums: what a section takes in the file. */
  public static long sectionBytes(long payload) {
    return payload + 4 * ((payload + CHUNK - 1) / CHUNK);
  }

  /** The prelude of a file of that format version, whose header takes {@code headerLength}. */
  public static byte[] prelude(int version, int headerLength) {
    byte[] p = new byte[PRELUDE];
    System.arraycopy(MAGIC, 0, p, 0, MAGIC.length);
    putInt(p, 8, version);
    putInt(p, 12, headerLength);
    putInt(p, 16, crc(p, 0, 16));
    return p;
  }

  /**
   * A copy of a snapshot file with another format version in its prelude, checksums fixed: what a
   * later library's file looks like to this one. For tests.
   */
  public static byte[] withVersion(byte[] file, int version) {
    byte[] copy = file.clone();
    System.arraycopy(prelude(version, intAt(file, 12)), 0, copy, 0, PRELUDE);
    putInt(copy, copy.length - 4, crc(copy, 0, copy.length - 4));
    return copy;
  }

  public static int crc(byte[] bytes, int from, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, length);
    return (int) crc.getValue();
  }

  public static int intAt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8
        | b[at + 3] & 0xFF;
  }

  public static long longAt(byte[] b, int at) {
    return (long) intAt(b, at) << 32 | intAt(b, at + 4) & 0xFFFF_FFFFL;
  }

  public static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) (v >>> 32));
    putInt(b, at + 4, (int) v);
  }

  public static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  /** The stable code of a field type in the file (never its ordinal). */
  public static int code(FieldType type) {
    return switch (type) {
      case STRING -> 1;
      case NUMBER -> 2;
      case DATE -> 3;
      case DATETIME -> 4;
      case BOOLEAN -> 5;
      case GEO -> 6;
    };
  }

  /** The field type of a code, or null. */
  public static FieldType fieldType(int code) {
    return switch (code) {
      case 1 -> FieldType.STRING;
      case 2 -> FieldType.NUMBER;
      case 3 -> FieldType.DATE;
      case 4 -> FieldType.DATETIME;
      case 5 -> FieldType.BOOLEAN;
      case 6 -> FieldType.GEO;
      default -> null;
    };
  }

  /** The stable code of a list status in the file. */
  public static int code(ListStatus status) {
    return switch (status) {
      case SUBSCRIBED -> 1;
      case UNSUBSCRIBED -> 2;
      case BOUNCED -> 3;
      case UNCONFIRMED -> 4;
    };
  }

  /** The list status of a code, or null. */
  public static ListStatus listStatus(int code) {
    return switch (code) {
      case 1 -> ListStatus.SUBSCRIBED;
      case 2 -> ListStatus.UNSUBSCRIBED;
      case 3 -> ListStatus.BOUNCED;
      case 4 -> ListStatus.UNCONFIRMED;
      default -> null;
    };
  }
}
