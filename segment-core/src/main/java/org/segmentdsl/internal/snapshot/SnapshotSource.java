package org.segmentdsl.internal.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32C;
import org.segmentdsl.InvalidSnapshotException.Problem;

/**
 * The bytes of a snapshot file in order, with the running CRC32C of everything read so far and
 * the position, so that a file that ends early is reported as "truncated at byte X of Y".
 * Not thread-safe.
 */
public final class SnapshotSource {
  private final InputStream in;
  private final CRC32C crc = new CRC32C();
  private long offset;
  private long expected = -1; // the file length the header declares, once read

  public SnapshotSource(InputStream in) {
    this.in = in;
  }

  /** The number of bytes read so far. */
  public long offset() {
    return offset;
  }

  /** Sets the length the header declares, for messages. */
  public void expect(long length) {
    expected = length;
  }

  /** The CRC32C of every byte read so far. */
  public int crc() {
    return (int) crc.getValue();
  }

  /** Reads exactly {@code length} bytes, or reports the file truncated. */
  public void readFully(byte[] into, int from, int length) {
    int done = 0;
    try {
      while (done < length) {
        int n = in.read(into, from + done, length - done);
        if (n < 0) {
          throw truncated(offset + done);
        }
        done += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    crc.update(into, from, length);
    offset += length;
  }

  /** Reads up to {@code length} bytes, fewer only at the end of the file; returns how many. */
  public int readUpTo(byte[] into, int length) {
    int done = 0;
    try {
      while (done < length) {
        int n = in.read(into, done, length - done);
        if (n < 0) {
          break;
        }
        done += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    crc.update(into, 0, done);
    offset += done;
    return done;
  }

  /** Reads a big-endian int. */
  public int readInt() {
    byte[] b = new byte[4];
    readFully(b, 0, 4);
    return SnapshotFormat.intAt(b, 0);
  }

  /** Whether any byte follows; reads at most one. */
  public boolean hasMore() {
    try {
      return in.read() >= 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SnapshotDamage truncated(long at) {
    return new SnapshotDamage(Problem.TRUNCATED, expected < 0
        ? "truncated at byte " + at + ", inside the header"
        : "truncated at byte " + at + " of " + expected);
  }
}
