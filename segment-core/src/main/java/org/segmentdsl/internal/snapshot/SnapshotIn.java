package org.segmentdsl.internal.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.InvalidSnapshotException.Problem;
import org.segmentdsl.Names;
import org.segmentdsl.internal.Varints;

/**
 * The payload of one snapshot section as it is read: the reading side of {@link SnapshotOut}.
 *
 * <p>Every chunk is read whole and its CRC32C checked before any of its bytes is parsed, so the
 * parsers only ever see bytes exactly as they were written. Even so they trust nothing: every
 * count and length is checked against the bytes that remain in the section before anything is
 * allocated for it ({@link #count}), so that a file that was not written by this library (with
 * valid checksums) cannot make a load allocate more than a small multiple of its size; what does
 * not fit the format is {@link #malformed}.
 *
 * <p>Not thread-safe.
 */
public final class SnapshotIn {
  private final SnapshotSource source;
  private final String section;
  private final long length;
  private final int formatVersion;
  private final CRC32C chunkCrc = new CRC32C();
  private final byte[] chunk;
  private long chunkStart; // payload offset of chunk[0]
  private int pos;
  private int limit;

  public SnapshotIn(SnapshotSource source, String section, long length, int formatVersion) {
    this.source = source;
    this.section = section;
    this.length = length;
    this.formatVersion = formatVersion;
    this.chunk = new byte[(int) Math.min(SnapshotFormat.CHUNK, Math.max(length, 1))];
    this.chunkStart = 0;
  }

  /** The format version of the file the section is in. */
  public int formatVersion() {
    return formatVersion;
  }

  /** The section's name. */
  String section() {
    return section;
  }

  /** Payload bytes not yet read. */
  public long remaining() {
    return length - chunkStart - pos;
  }

  /** A {@link Problem#MALFORMED} damage in this section, at the current read position. */
  public SnapshotDamage malformed(String what) {
    return malformedAt(position(), what);
  }

  /** A {@link Problem#MALFORMED} damage in this section, at payload byte {@code at}. */
  public SnapshotDamage malformedAt(long at, String what) {
    return new SnapshotDamage(Problem.MALFORMED,
        "section \"" + section + "\" at byte " + at + ": " + what);
  }

  /** The payload offset of the next byte to read. */
  public long position() {
    return chunkStart + pos;
  }

  /** Checks that the whole payload was read. */
  public void finish() {
    if (remaining() != 0) {
      throw malformed(remaining() + " bytes left unread");
    }
  }

  private void nextChunk() {
    chunkStart += limit;
    pos = 0;
    long left = length - chunkStart;
    if (left <= 0) {
      throw malformed("reads past the end of the section");
    }
    limit = (int) Math.min(chunk.length, left);
    long at = source.offset();
    source.readFully(chunk, 0, limit);
    int stored = source.readInt();
    chunkCrc.reset();
    chunkCrc.update(chunk, 0, limit);
    if ((int) chunkCrc.getValue() != stored) {
      throw new SnapshotDamage(Problem.CHECKSUM, "checksum mismatch in section \"" + section
          + "\" at bytes " + at + "-" + (at + limit - 1));
    }
  }

  public int readByte() {
    if (pos == limit) {
      nextChunk();
    }
    return chunk[pos++] & 0xFF;
  }

  public boolean readBoolean() {
    int b = readByte();
    if (b > 1) {
      throw malformed("expected a boolean, got " + b);
    }
    return b == 1;
  }

  /** An unsigned LEB128 varint of at most 10 bytes. */
  public long readVarint() {
    long v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      int b = pos < limit ? chunk[pos++] & 0xFF : readByte();
      v |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        return v;
      }
    }
    throw malformed("varint longer than 10 bytes");
  }

  public long readSignedVarint() {
    return Varints.unzigzag(readVarint());
  }

  /** A varint in {@code [0, max]}. */
  public int readInt(int max) {
    long v = readVarint();
    if (v < 0 || v > max) {
      throw malformed("value " + Long.toUnsignedString(v) + " is out of range 0-" + max);
    }
    return (int) v;
  }

  /**
   * A count of things that each take at least {@code minBytesEach} bytes in the section: refused
   * if they cannot all fit in what remains, so a damaged count never allocates.
   */
  public int count(int minBytesEach) {
    long n = readVarint();
    if (n < 0 || n > Integer.MAX_VALUE - 8 || n * minBytesEach > remaining()) {
      throw malformed("count " + Long.toUnsignedString(n) + " does not fit in the "
          + remaining() + " bytes left");
    }
    return (int) n;
  }

  long readLong() {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | readByte();
    }
    return v;
  }

  public double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  /** A string as {@link SnapshotOut#writeString} wrote it. */
  public String readString() {
    return string(readVarint());
  }

  /**
   * A name that data gives the index (an id, tag, list name, event type, property name): a
   * string as {@link #readString} reads it that must follow the rule of {@link Names}, as it does
   * in every file this library writes; one that does not (a control character that would make
   * output printed one name a line ambiguous, an empty name, ...) is {@link #malformed}, at the
   * byte where the name starts.
   *
   * @param what what the name is, as the message calls it ({@code "contact id"}, {@code "tag"})
   */
  public String readName(String what) {
    long at = position();
    String name = readString();
    String problem = Names.problem(what, name);
    if (problem != null) {
      throw malformedAt(at, problem);
    }
    return name;
  }

  String readNullableString() {
    long header = readVarint();
    return header == 0 ? null : string(header - 1);
  }

  private String string(long header) {
    long n = header >>> 1;
    if (n > remaining() || n > Integer.MAX_VALUE - 8) {
      throw malformed("string length " + n + " does not fit in the section");
    }
    if ((header & 1) != 0) {
      return chars((int) n);
    }
    if (limit - pos >= n) {
      String s = new String(chunk, pos, (int) n, StandardCharsets.ISO_8859_1);
      pos += (int) n;
      return s;
    }
    byte[] bytes = new byte[(int) n];
    readBytes(bytes, 0, bytes.length);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private String chars(int n) {
    char[] chars = new char[n];
    for (int i = 0; i < n; i++) {
      long c = readVarint();
      if (c > Character.MAX_VALUE || c < 0) {
        throw malformed("not a UTF-16 unit: " + c);
      }
      chars[i] = (char) c;
    }
    return new String(chars);
  }

  public byte[] readByteArray() {
    return bytes(readVarint());
  }

  public byte[] readNullableByteArray() {
    long n = readVarint();
    return n == 0 ? null : bytes(n - 1);
  }

  private byte[] bytes(long n) {
    if (n < 0 || n > remaining() || n > Integer.MAX_VALUE - 8) {
      throw malformed("array length " + Long.toUnsignedString(n) + " does not fit in the section");
    }
    byte[] b = new byte[(int) n];
    readBytes(b, 0, b.length);
    return b;
  }

  void readBytes(byte[] into, int from, int n) {
    while (n > 0) {
      if (pos == limit) {
        nextChunk();
      }
      int k = Math.min(n, limit - pos);
      System.arraycopy(chunk, pos, into, from, k);
      pos += k;
      from += k;
      n -= k;
    }
  }

  /** A bitmap as {@link SnapshotOut#writeBitmap} wrote it. */
  public RoaringBitmap readBitmap() {
    int kind = readByte();
    switch (kind) {
      case 0:
        return new RoaringBitmap();
      case 1: {
        RoaringBitmap b = new RoaringBitmap();
        b.add(readInt(Integer.MAX_VALUE));
        return b;
      }
      case 2: {
        int n = count(1);
        ByteBuffer buffer;
        if (limit - pos >= n) {
          buffer = ByteBuffer.wrap(chunk, pos, n).slice();
          pos += n;
        } else {
          byte[] bytes = new byte[n];
          readBytes(bytes, 0, n);
          buffer = ByteBuffer.wrap(bytes);
        }
        RoaringBitmap b = new RoaringBitmap();
        try {
          b.deserialize(buffer);
        } catch (IOException | RuntimeException e) {
          throw malformed("not a bitmap of " + n + " bytes: its containers do not parse");
        }
        if (b.serializedSizeInBytes() != n || b.isEmpty() || b.last() < 0) {
          throw malformed("not a bitmap of " + n + " bytes");
        }
        return b;
      }
      default:
        throw malformed("unknown bitmap kind " + kind);
    }
  }

  public RoaringBitmap readNullableBitmap() {
    return readBoolean() ? readBitmap() : null;
  }
}
