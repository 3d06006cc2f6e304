package org.segmentdsl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.segmentdsl.internal.InputFiles;
import org.segmentdsl.internal.snapshot.SegmentCodec;
import org.segmentdsl.internal.snapshot.SnapshotDamage;
import org.segmentdsl.internal.snapshot.SnapshotFormat;
import org.segmentdsl.internal.write.SnapshotReader;
import org.segmentdsl.internal.write.SnapshotWriter;

/**
 * Snapshot files: one consistent state of a {@link ContactIndex} (and, optionally, a {@link
 * SegmentRegistry} of saved segments) saved to a file and loaded back into a new index that
 * answers every segment as the saved one did, with the same dense ids and the same {@code ids()}
 * order, and takes further batches and live segments like any index.
 *
 * <pre>{@code
 * SnapshotFile.save(index, saved, Path.of("contacts.snapshot"));
 * // ... after a restart
 * SnapshotFile.Loaded loaded = SnapshotFile.load(Path.of("contacts.snapshot"));
 * ContactIndex index = loaded.index();
 * SegmentRegistry saved = loaded.segments();
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Consistent:</b> a save writes the index's state as of the moment it starts; batches
 *       committed while it writes are not in the file. Writers wait only while the state is
 *       captured (a copy of the writer's row references, milliseconds at millions of contacts),
 *       readers never.
 *   <li><b>Atomic replace:</b> {@link #save(ContactIndex, SegmentRegistry, Path)} writes a
 *       temporary file in the target's directory, forces it to the device, renames it over the
 *       target and forces the directory where the platform allows: a crash at any moment leaves
 *       the previous file or the new one, whole.
 *   <li><b>Damage is detected:</b> every byte is covered by a CRC32C. A file that is empty,
 *       truncated, has a bit flipped or bytes appended, is not a snapshot, or has a newer format
 *       version is refused with an {@link InvalidSnapshotException} naming the file and what is
 *       wrong; loading never allocates more than a small multiple of the file's size.
 *   <li><b>Versions:</b> the file carries its format version ({@value #FORMAT_VERSION} today). A
 *       library version reads every format version that earlier versions wrote.
 * </ul>
 *
 * <p>Thread-safe: saves and loads may run on any thread, several at once, while other threads
 * update and read the index.
 */
public final class SnapshotFile {
  /** The format version this library writes. */
  public static final int FORMAT_VERSION = SnapshotFormat.VERSION;

  private SnapshotFile() {}

  /**
   * What a snapshot file holds.
   *
   * @param contacts the number of contacts
   * @param events the number of events
   * @param deals the number of deals
   * @param accounts the number of accounts
   * @param segments the number of saved segments
   * @param bytes the file's size
   */
  public record Summary(int contacts, long events, int deals, int accounts, int segments,
      long bytes) {}

  /**
   * A loaded snapshot.
   *
   * @param index a new index holding the saved state
   * @param segments the saved segments it was saved with (empty if none)
   * @param summary what the file holds
   */
  public record Loaded(ContactIndex index, SegmentRegistry segments, Summary summary) {
    /**
     * Checks that no part is null.
     *
     * @param index a new index holding the saved state, not null
     * @param segments the saved segments it was saved with, not null
     * @param summary what the file holds, not null
     */
    public Loaded {
      Objects.requireNonNull(index, "index");
      Objects.requireNonNull(segments, "segments");
      Objects.requireNonNull(summary, "summary");
    }
  }

  /**
   * Saves the index's current state and these saved segments to {@code file}, replacing it
   * atomically.
   *
   * @param index the index, not null
   * @param segments the saved segments to save with it, not null ({@link SegmentRegistry#empty}
   *     for none)
   * @param file the file to write or replace, not null; its directory must exist
   * @return what the file holds
   * @throws IOException if the file cannot be written (the previous file, if any, is then left as
   *     it was)
   */
  public static Summary save(ContactIndex index, SegmentRegistry segments, Path file)
      throws IOException {
    SnapshotWriter.State state = index.capture();
    List<byte[]> encoded = encode(segments);
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    // beside the target, so that the rename stays on one file system; created like any new file
    // (not Files.createTempFile, whose files only their owner may read)
    String prefix = "." + target.getFileName() + ".";
    deleteStaleTemporaryFiles(dir, prefix);
    Path temp = dir.resolve(prefix + UUID.randomUUID() + TEMPORARY_SUFFIX);
    boolean moved = false;
    try {
      SnapshotWriter.Written written;
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
          StandardOpenOption.CREATE_NEW)) {
        lock(channel); // tells other saves to this target that the file is in use
        OutputStream out = Channels.newOutputStream(channel);
        written = SnapshotWriter.write(state, encoded, out);
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      moved = true;
      forceDirectory(dir);
      return summary(written);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static final String TEMPORARY_SUFFIX = ".tmp";

  /** A temporary file older than this and not locked was left by a save that died. */
  private static final long STALE_MILLIS = 60_000;

  private static void lock(FileChannel channel) {
    try {
      channel.tryLock();
    } catch (IOException | RuntimeException e) {
      // no locks on this file system: stale files are then recognised by their age alone
    }
  }

  /**
   * Deletes the temporary files that saves to the same target left when they were killed: those
   * not locked by a running save and not written to for a minute. A failure to delete is ignored
   * (the save does not need it).
   */
  private static void deleteStaleTemporaryFiles(Path dir, String prefix) {
    long before = System.currentTimeMillis() - STALE_MILLIS;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*" + TEMPORARY_SUFFIX)) {
      for (Path file : files) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          if (Files.getLastModifiedTime(file).toMillis() < before && channel.tryLock() != null) {
            Files.delete(file);
          }
        } catch (IOException | RuntimeException e) {
          // locked by a save in this JVM (OverlappingFileLockException), or gone: leave it
        }
      }
    } catch (IOException e) {
      // an unreadable directory fails the save itself, with a clearer message
    }
  }

  /** Flushes a directory's entries (the rename) to the device, where the platform allows it. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory as a channel; its rename is durable on its own terms
    }
  }

  /**
   * Writes the index's current state and these saved segments to a stream, which is flushed and
   * left open. No atomicity: a reader of the stream may see part of a snapshot, which loading
   * refuses.
   *
   * @param index the index, not null
   * @param segments the saved segments to save with it, not null ({@link SegmentRegistry#empty}
   *     for none)
   * @param out the stream to write to, not null; flushed, not closed
   * @return what the stream received
   * @throws IOException if writing to the stream fails
   */
  public static Summary save(ContactIndex index, SegmentRegistry segments, OutputStream out)
      throws IOException {
    SnapshotWriter.State state = index.capture();
    return summary(SnapshotWriter.write(state, encode(segments), out));
  }

  /**
   * Loads a snapshot file into a new index.
   *
   * @param file the snapshot file, not null
   * @return the new index, the saved segments and what the file holds
   * @throws InvalidSnapshotException if the file is damaged, foreign or of a newer format version
   * @throws IOException if it cannot be read, or is not a regular file (a directory, a FIFO, a
   *     device: refused without being opened)
   */
  public static Loaded load(Path file) throws IOException {
    InputFiles.checkRegular(file); // opening a FIFO would block
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      SnapshotReader.Read read;
      try {
        read = SnapshotReader.read(channel);
      } catch (SnapshotDamage e) {
        throw e.toException(file.toString());
      }
      return loaded(read);
    }
  }

  /**
   * Loads a snapshot from a stream, read to its end.
   *
   * @param in the stream, not null; read to its end, not closed
   * @param name how messages name the stream
   * @return the new index, the saved segments and what the stream holds
   * @throws InvalidSnapshotException if the stream's bytes are damaged, foreign or of a newer
   *     format version
   * @throws IOException if reading the stream fails
   */
  public static Loaded load(InputStream in, String name) throws IOException {
    return load(in, -1, name);
  }

  private static Loaded load(InputStream in, long size, String name) throws IOException {
    SnapshotReader.Read read;
    try {
      read = SnapshotReader.read(in, size);
    } catch (SnapshotDamage e) {
      throw e.toException(name);
    }
    return loaded(read);
  }

  private static Loaded loaded(SnapshotReader.Read read) {
    return new Loaded(ContactIndex.restored(read.writer()), SegmentRegistry.of(read.segments()),
        summary(read.summary()));
  }

  private static List<byte[]> encode(SegmentRegistry segments) {
    List<byte[]> encoded = new ArrayList<>();
    for (String id : segments.ids()) {
      encoded.add(SegmentCodec.encode(segments.get(id).orElseThrow()));
    }
    return encoded;
  }

  private static Summary summary(SnapshotWriter.Written w) {
    return new Summary(w.contacts(), w.events(), w.deals(), w.accounts(), w.segments(),
        w.bytes());
  }

  /** A copy of a snapshot file with another format version, checksums fixed. For tests. */
  static byte[] withVersion(byte[] file, int version) {
    return SnapshotFormat.withVersion(file, version);
  }
}
