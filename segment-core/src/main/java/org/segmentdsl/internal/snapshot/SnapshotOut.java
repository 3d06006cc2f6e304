package org.segmentdsl.internal.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.Varints;

/**
 * The payload of one snapshot section as it is written: primitives, strings and bitmaps (see
 * {@link SnapshotFormat} for their encodings), cut into checksummed chunks.
 *
 * <p>A snapshot is written twice over: first into a <em>counting</em> instance that only adds up
 * lengths, so that the file's header can give every section's length and the file's total before
 * any byte is written; then for real. The same code writes both passes, and {@link
 * org.segmentdsl.internal.write.SnapshotWriter} checks that each section came out as long as it
 * was measured. Work that only decides the order of bytes, not their number (sorting keys), is
 * skipped while counting: see {@link #counting()}.
 *
 * <p>Not thread-safe.
 */
public final class SnapshotOut {
  /** Receives the finished chunks and their checksums. */
  public interface Sink {
    void write(byte[] bytes, int from, int length) throws IOException;
  }

  private final Sink sink;
  private final byte[] chunk;
  private final CRC32C chunkCrc = new CRC32C();
  private int pos;
  private long written; // payload bytes of the current section, flushed or not

  private SnapshotOut(Sink sink) {
    this.sink = sink;
    this.chunk = sink == null ? null : new byte[SnapshotFormat.CHUNK];
  }

  /** An instance that only counts. */
  public static SnapshotOut measuring() {
    return new SnapshotOut(null);
  }

  /** An instance that writes chunks, each followed by its CRC32C, to {@code sink}. */
  public static SnapshotOut writingTo(Sink sink) {
    return new SnapshotOut(sink);
  }

  /** Whether this instance only counts: byte order does not matter, only lengths. */
  public boolean counting() {
    return sink == null;
  }

  /** The payload bytes written to the current section so far. */
  long written() {
    return written;
  }

  /** Ends the current section: flushes its last, partial chunk. Returns its payload length. */
  public long endSection() {
    if (sink != null && pos > 0) {
      flushChunk();
    }
    long length = written;
    written = 0;
    return length;
  }

  public void writeByte(int b) {
    written++;
    if (sink == null) {
      return;
    }
    if (pos == chunk.length) {
      flushChunk();
    }
    chunk[pos++] = (byte) b;
  }

  public void writeBoolean(boolean b) {
    writeByte(b ? 1 : 0);
  }

  /** An unsigned LEB128 varint. */
  public void writeVarint(long v) {
    if (sink == null) {
      written += Varints.size(v);
    } else if (chunk.length - pos >= 10) {
      int start = pos;
      pos = Varints.write(chunk, pos, v);
      written += pos - start;
    } else { // near the chunk's end: a byte at a time, across the boundary
      while ((v & ~0x7FL) != 0) {
        writeByte((int) (v & 0x7F | 0x80));
        v >>>= 7;
      }
      writeByte((int) v);
    }
  }

  /** A signed value as a zigzag varint. */
  public void writeSignedVarint(long v) {
    writeVarint(Varints.zigzag(v));
  }

  /** Eight bytes, big-endian. */
  void writeLong(long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      writeByte((int) (v >>> shift));
    }
  }

  public void writeDouble(double v) {
    writeLong(Double.doubleToRawLongBits(v));
  }

  /**
   * A string, exact for any Java string: a varint {@code length << 1 | wide}, then, if every
   * UTF-16 unit is below 256 ({@code wide} 0: ids, tags and values mostly are), one byte a unit
   * (ISO-8859-1); else each unit as a varint.
   */
  public void writeString(String s) {
    writeStringHeader(s, 0);
  }

  /** A nullable string: 0 for null, else {@link #writeString}'s header plus one, and the units. */
  void writeNullableString(String s) {
    if (s == null) {
      writeVarint(0);
      return;
    }
    writeStringHeader(s, 1);
  }

  private void writeStringHeader(String s, int plus) {
    int n = s.length();
    boolean wide = false;
    for (int i = 0; i < n && !wide; i++) {
      wide = s.charAt(i) > 0xFF;
    }
    writeVarint(((long) n << 1 | (wide ? 1 : 0)) + plus);
    if (wide) {
      for (int i = 0; i < n; i++) {
        writeVarint(s.charAt(i));
      }
    } else if (sink == null) {
      written += n;
    } else if (chunk.length - pos >= n) {
      for (int i = 0; i < n; i++) {
        chunk[pos + i] = (byte) s.charAt(i);
      }
      pos += n;
      written += n;
    } else {
      for (int i = 0; i < n; i++) {
        writeByte(s.charAt(i));
      }
    }
  }

  /** A byte array as its length and its bytes. */
  public void writeByteArray(byte[] bytes) {
    writeVarint(bytes.length);
    writeBytes(bytes, 0, bytes.length);
  }

  /** A nullable byte array: 0 for null, else the length plus one and the bytes. */
  public void writeNullableByteArray(byte[] bytes) {
    if (bytes == null) {
      writeVarint(0);
      return;
    }
    writeVarint(bytes.length + 1L);
    writeBytes(bytes, 0, bytes.length);
  }

  /** Raw bytes, without a length. */
  public void writeBytes(byte[] bytes, int from, int length) {
    written += length;
    if (sink == null) {
      return;
    }
    while (length > 0) {
      if (pos == chunk.length) {
        flushChunk();
      }
      int n = Math.min(length, chunk.length - pos);
      System.arraycopy(bytes, from, chunk, pos, n);
      pos += n;
      from += n;
      length -= n;
    }
  }

  /**
   * A bitmap: {@code 0} if empty; {@code 1} and the row as a varint if it holds one row (a string
   * field with a distinct value per contact has millions of those); else {@code 2}, the length of
   * RoaringBitmap's portable serialisation as a varint, and that serialisation.
   */
  public void writeBitmap(RoaringBitmap bitmap) {
    if (bitmap.isEmpty()) {
      writeVarint(0);
    } else if (bitmap.getCardinality() == 1) {
      writeVarint(1);
      writeVarint(Integer.toUnsignedLong(bitmap.first()));
    } else {
      writeVarint(2);
      int length = bitmap.serializedSizeInBytes();
      writeVarint(length);
      if (sink == null) {
        written += length;
      } else if (chunk.length - pos >= length) { // straight into the chunk, no copy
        bitmap.serialize(ByteBuffer.wrap(chunk, pos, length).slice());
        pos += length;
        written += length;
      } else {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        bitmap.serialize(buffer);
        writeBytes(buffer.array(), 0, length);
      }
    }
  }

  /** A nullable bitmap: a presence byte, then the bitmap. */
  public void writeNullableBitmap(RoaringBitmap bitmap) {
    writeBoolean(bitmap != null);
    if (bitmap != null) {
      writeBitmap(bitmap);
    }
  }

  private void flushChunk() {
    chunkCrc.reset();
    chunkCrc.update(chunk, 0, pos);
    int crc = (int) chunkCrc.getValue();
    try {
      sink.write(chunk, 0, pos);
      byte[] c = {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
      sink.write(c, 0, 4);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pos = 0;
  }
}
