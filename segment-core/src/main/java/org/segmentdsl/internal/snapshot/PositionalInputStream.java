package org.segmentdsl.internal.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of a file from a position on, read with positional reads, which leave the channel's
 * own position alone: several of these may read one channel at once, from several threads (the
 * JDK's {@code Channels.newInputStream} moves the shared position). Each instance is for one
 * thread.
 */
public final class PositionalInputStream extends InputStream {
  private final FileChannel channel;
  private long position;

  public PositionalInputStream(FileChannel channel, long position) {
    this.channel = channel;
    this.position = position;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = channel.read(ByteBuffer.wrap(b, off, len), position);
    if (n > 0) {
      position += n;
    }
    return n;
  }
}
