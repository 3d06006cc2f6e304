package org.segmentdsl.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.Event;
import org.segmentdsl.EventBuffer;
import org.segmentdsl.IndexBatch;
import org.segmentdsl.Schema;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.internal.InputFiles;
import org.segmentdsl.json.DataJson.Bad;

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
 * and fields are errors, a line is at most 1 MiB. Every file must be a regular file (or a symbolic
 * link to one): a directory, FIFO or device is a problem naming the file, never opened.
 *
 * <pre>{@code
 * Dataset data = DatasetLoader.load(Path.of("data"));
 * data.index().evaluate(segment, EvaluationContext.current().withSegments(data.segments()));
 * }</pre>
 *
 * <p>Speed: the calling thread reads and checks a batch (100,000 contacts, deals or accounts, or
 * 1,000,000 events, in an {@link EventBuffer}, so that the commit looks each contact up once and
 * checks nothing again) while a second thread of the load's own commits the one before, so
 * parsing and indexing use two cores; at the end the index is {@linkplain
 * ContactIndex#compact compacted}, as after any bulk import. Events in time order, as a pipeline
 * appends them, load about 1.4 times slower than events grouped by contact (each batch rewrites
 * the event blob of every contact it has an event of).
 *
 * <p>Each call works alone, with its own committing thread, which ends with the call; a loader is
 * not shared between threads.
 */
public final class DatasetLoader {
  /**
   * Reports how far a load has come, on the loading thread: every {@value #PROGRESS_EVERY} lines
   * of a file, and at its end. Keep it quick (a command line prints at most a few times a
   * second).
   */
  @FunctionalInterface
  public interface Progress {
    /**
     * How far the file being read has come.
     *
     * @param file the file's name in the folder, such as {@code events.jsonl}
     * @param lines lines read so far
     * @param bytesRead bytes read so far
     * @param size the file's size in bytes, or -1 if it is not a regular file (a pipe)
     */
    void read(String file, long lines, long bytesRead, long size);
  }

  static final int PROGRESS_EVERY = 1 << 16;
  private static final int CONTACT_BATCH = 100_000;
  private static final int EVENT_BATCH = 1_000_000;

  private final Path dir;
  private final Progress progress;
  private final List<String> problems = new ArrayList<>();
  private Committer committer;

  private DatasetLoader(Path dir, Progress progress) {
    this.dir = dir;
    this.progress = progress;
  }

  /**
   * Loads a dataset folder.
   *
   * @param dir the dataset folder, not null
   * @return the new index and the saved segments
   * @throws DatasetException if a file is missing, unreadable or holds a mistake
   */
  public static Dataset load(Path dir) {
    return load(dir, null);
  }

  /**
   * Loads a dataset folder, reporting progress on long files.
   *
   * @param dir the dataset folder, not null
   * @param progress told how far each file has come, or {@code null} for no reports
   * @return the new index and the saved segments
   * @throws DatasetException if a file is missing, unreadable or holds a mistake
   */
  public static Dataset load(Path dir, @Nullable Progress progress) {
    Objects.requireNonNull(dir, "dir");
    return new DatasetLoader(dir, progress).run();
  }

  /**
   * Commits batches to the index on a thread of its own, one at a time and in order, while the
   * loading thread reads and checks the next batch: parsing and indexing overlap on two cores.
   * At most one batch is committing while the next is being read.
   */
  private static final class Committer implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "segment-dataset-loader");
      t.setDaemon(true);
      return t;
    });
    private Future<?> last;

    /** Waits for the batch before, then hands this one (a copy) to the committing thread. */
    <T> void commit(ContactIndex index, List<T> items, BiConsumer<IndexBatch, T> add) {
      await();
      List<T> batch = List.copyOf(items);
      last = thread.submit(() -> index.update(b -> batch.forEach(item -> add.accept(b, item))));
    }

    /**
     * Waits for the batch before, then hands these events to the committing thread: the buffer
     * is not to be touched until the next {@code commit} or {@link #await} returns.
     */
    void commit(ContactIndex index, EventBuffer events) {
      await();
      last = thread.submit(() -> index.update(batch -> batch.recordAll(events)));
    }

    /** Waits for the last batch handed over; rethrows what its commit threw. */
    void await() {
      if (last == null) {
        return;
      }
      Future<?> waiting = last;
      last = null;
      try {
        waiting.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while loading", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }

    @Override
    public void close() {
      thread.shutdownNow();
    }
  }

  /** Stops the load once the limit is reached. */
  private static final class TooMany extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooMany() {
      super(null, null, false, false);
    }
  }

  private void problem(String file, int line, String message) {
    filesWithProblems.add(file);
    if (problems.size() < DatasetException.MAX_PROBLEMS) {
      problems.add(dir.resolve(file) + (line > 0 ? ":" + line : "") + ": " + message);
    } else if (++moreProblems >= MAX_COUNTED) {
      throw new TooMany();
    }
  }

  /** The lines of the file being read that named a contact or account not loaded. */
  private int unresolved;
  private String firstUnresolved;

  /**
   * Past {@link DatasetException#MAX_PROBLEMS}, problems are only counted, up to this many: a
   * file of bad lines is read to its end (or this far) to say how many more there are.
   */
  private static final long MAX_COUNTED = 1_000_000;

  private long moreProblems;
  private final Set<String> filesWithProblems = new HashSet<>();

  private Dataset run() {
    try (Committer committer = new Committer()) {
      this.committer = committer;
      Schema schema = readSchema();
      ContactIndex index = ContactIndex.create(schema);
      readAccounts(schema, index);
      readContacts(schema, index);
      readDeals(schema, index);
      readEvents(index);
      committer.await();
      if (problems.isEmpty()) {
        index.compact(); // as a bulk import should: every column rebuilt, every event tail folded
      }
      SegmentRegistry segments = SavedSegments.read(dir.resolve("segments"), schema, problems);
      if (!problems.isEmpty()) {
        throw new DatasetException(problems, moreProblems, false);
      }
      return new Dataset(schema, index, segments);
    } catch (TooMany e) {
      throw new DatasetException(problems, moreProblems, true);
    } catch (SchemaFormatException e) {
      problems.addAll(e.problems());
      throw new DatasetException(problems);
    }
  }

  /**
   * The dataset's schema; a file that cannot be read is a problem of the dataset, like a mistake
   * in it ({@link SchemaFormatException}, each problem naming the file).
   */
  private Schema readSchema() {
    Path file = dir.resolve("schema.json");
    try {
      return SchemaJson.read(file);
    } catch (NoSuchFileException e) {
      throw new SchemaFormatException(List.of(file + ": missing (a dataset needs schema.json)"));
    } catch (IOException e) {
      throw new SchemaFormatException(List.of(file + ": " + InputFiles.describe(e)));
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
    try (InputStream in = InputFiles.open(path)) {
      JsonLines lines = new JsonLines(in);
      long size = Files.isRegularFile(path) ? Files.size(path) : -1;
      while (lines.next()) {
        int n = lines.lineNo();
        if (lines.tooLong()) {
          // its end may be gigabytes away, or never come: a file that long is not read on
          problem(file, n, "line is longer than 1 MiB (the rest of " + file + " is not read)");
          break;
        }
        if (lines.blank()) {
          continue;
        }
        String foreign = lines.foreignEncoding();
        if (foreign != null) {
          problem(file, n, "not UTF-8: looks like " + foreign + " (the rest of " + file
              + " is not read)");
          break;
        }
        if (!lines.validUtf8()) {
          problem(file, n, "not valid UTF-8");
          continue;
        }
        if (fast != null && fast.line(lines.bytes(), lines.length())) {
          if (progress != null && n % PROGRESS_EVERY == 0) {
            progress.read(file, n, lines.position(), size);
          }
          continue;
        }
        try {
          handler.line(n, lines.object());
        } catch (DataJson.Unresolved e) {
          if (unresolved++ == 0) {
            firstUnresolved = "line " + n + ": " + e.getMessage();
          }
        } catch (Bad e) {
          problem(file, n, e.getMessage());
        }
        if (progress != null && n % PROGRESS_EVERY == 0) {
          progress.read(file, n, lines.position(), size);
        }
      }
      if (progress != null) {
        progress.read(file, lines.lineNo(), lines.position(), size);
      }
      if (unresolved > 0) {
        // one line for all: each is a consequence of a line reported above, most likely
        problem(file, 0, unresolved + (unresolved == 1 ? " line names" : " lines name")
            + " what is not loaded because of the errors above (first: " + firstUnresolved + ")");
        unresolved = 0;
      }
    } catch (NoSuchFileException e) {
      if (required) {
        problem(file, 0, "missing (a dataset needs " + file + ")");
      }
    } catch (IOException e) {
      problem(file, 0, InputFiles.describe(e));
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

  /** The ids read so far, against which each line's ids and references are checked. */
  private final Set<String> accountIds = new HashSet<>();
  /** Contact ids read so far, each mapped to itself: events keep this one instance. */
  private final Map<String, String> contactIds = new HashMap<>();
  private final Set<String> dealIds = new HashSet<>();

  private final DataJson.References refs = new DataJson.References() {
    @Override
    public void id(String kind, String id) throws Bad {
      boolean added = switch (kind) {
        case "contact" -> contactIds.putIfAbsent(id, id) == null;
        case "account" -> accountIds.add(id);
        default -> dealIds.add(id);
      };
      if (!added) {
        throw new Bad("duplicate " + kind + " id \"" + id + "\"");
      }
    }

    @Override
    public void contact(String id) throws Bad {
      if (!contactIds.containsKey(id)) {
        String message = "contact \"" + id + "\" is not in contacts.jsonl";
        throw filesWithProblems.contains("contacts.jsonl")
            ? new DataJson.Unresolved("/contact", message) : new Bad(message);
      }
    }

    @Override
    public void account(String id) throws Bad {
      if (!accountIds.contains(id)) {
        String message = "account \"" + id + "\" is not in accounts.jsonl";
        throw filesWithProblems.contains("accounts.jsonl")
            ? new DataJson.Unresolved("/account", message) : new Bad(message);
      }
    }
  };

  private void readAccounts(Schema schema, ContactIndex index) {
    List<Account> pending = new ArrayList<>();
    eachLine("accounts.jsonl", false, (n, o) -> pending.add(DataJson.account(o, schema, refs)));
    if (problems.isEmpty()) {
      committer.commit(index, pending, IndexBatch::upsertAccount);
    }
  }

  private void readContacts(Schema schema, ContactIndex index) {
    List<Contact> pending = new ArrayList<>();
    eachLine("contacts.jsonl", true, (n, o) -> {
      pending.add(DataJson.contact(o, schema, refs));
      if (pending.size() >= CONTACT_BATCH) {
        flushContacts(index, pending);
      }
    });
    flushContacts(index, pending);
  }

  private void flushContacts(ContactIndex index, List<Contact> pending) {
    if (problems.isEmpty() && !pending.isEmpty()) {
      committer.commit(index, pending, IndexBatch::upsert);
    }
    pending.clear();
  }

  private void readDeals(Schema schema, ContactIndex index) {
    List<Deal> pending = new ArrayList<>();
    eachLine("deals.jsonl", false, (n, o) -> {
      pending.add(DataJson.deal(o, schema, refs));
      if (pending.size() >= CONTACT_BATCH) {
        flushDeals(index, pending);
      }
    });
    flushDeals(index, pending);
  }

  private void flushDeals(ContactIndex index, List<Deal> pending) {
    if (problems.isEmpty() && !pending.isEmpty()) {
      committer.commit(index, pending, IndexBatch::upsertDeal);
    }
    pending.clear();
  }

  private void readEvents(ContactIndex index) {
    // two buffers: one filled here while the committing thread records the other
    EventBuffer[] buffers = {new EventBuffer(), new EventBuffer()};
    int[] filling = {0};
    // after each event added: a full buffer goes to the committer
    Consumer<EventBuffer> added = buffer -> {
      if (buffer.size() >= EVENT_BATCH) {
        flushEvents(index, buffers, filling);
      }
    };
    FastHandler fast = (bytes, length) -> {
      EventLines.Line line = EventLines.parse(bytes, length);
      String contact = line == null ? null : contactIds.get(line.contact());
      if (contact == null || !DataJson.inRange(line.at())) {
        return false;
      }
      added.accept(buffers[filling[0]].add(contact, line.type(), line.at(), line.props()));
      return true;
    };
    eachLine("events.jsonl", false, fast, (n, o) -> {
      Event e = DataJson.event(o, refs);
      added.accept(buffers[filling[0]].add(contactIds.get(e.contactId()), e.type(), e.at(),
          e.props()));
    });
    flushEvents(index, buffers, filling);
  }

  /**
   * Hands the buffer being filled to the committer (which first finishes the other one) and goes
   * on filling the other, cleared.
   */
  private void flushEvents(ContactIndex index, EventBuffer[] buffers, int[] filling) {
    EventBuffer full = buffers[filling[0]];
    if (problems.isEmpty() && !full.isEmpty()) {
      committer.commit(index, full);
    } else {
      committer.await(); // the other buffer may still be recording
    }
    filling[0] ^= 1;
    buffers[filling[0]].clear();
  }

}
