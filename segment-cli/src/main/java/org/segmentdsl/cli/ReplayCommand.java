package org.segmentdsl.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.LiveSegment;
import org.segmentdsl.LiveSegments;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentChange;
import org.segmentdsl.SegmentListener;
import org.segmentdsl.SegmentResync;
import org.segmentdsl.json.ChangeLine;
import org.segmentdsl.json.ChangeStream;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.json.InvalidChangeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Runs a change stream against live segments ({@code docs/live-segments.md}, "bin/segment
 * replay"): after each step, one line per segment whose membership changed; at the end, each
 * segment's count.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Loads the dataset (folder or snapshot file), registers each --segment as a "
        + "live segment at --now, then applies the change stream a line at a time. After each "
        + "step it prints {\"line\":N,\"segment\":KEY,\"entered\":[...],\"exited\":[...]} for "
        + "each segment whose membership changed, and at the end {\"segment\":KEY,\"count\":N} "
        + "for each. A rejected line is reported on standard error and skipped (exit status 1 at "
        + "the end). --save writes the final state as a snapshot file.")
final class ReplayCommand implements Callable<Integer> {
  @ParentCommand
  SegmentCli cli;

  @Spec
  CommandSpec spec;

  @Mixin
  DatasetOptions options;

  @Option(names = "--changes", required = true, paramLabel = "FILE",
      description = "The change stream (JSONL), or - for standard input.")
  String changes;

  // Strings, not Paths: a segment without an id is named by its path exactly as given.
  @Option(names = "--segment", required = true, paramLabel = "FILE",
      description = "A segment/v1 file to keep live (repeatable); named by its id, else by the "
          + "path as given.")
  List<String> segmentFiles;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Writes a snapshot file of the final state (the changes applied) with the "
          + "dataset's saved segments, also when lines were rejected.")
  Path save;

  @Override
  public Integer call() {
    if (save != null) {
      SnapshotCommand.checkWritable(save); // before a long replay, not after it
    }
    Dataset data = options.load(cli.err());
    List<String> keys = new ArrayList<>();
    List<Segment> segments = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String file : segmentFiles) {
      try {
        Segment s = DatasetOptions.segment(path(file), data);
        segments.add(s);
        keys.add(s.id() != null ? s.id() : file);
      } catch (InvalidInput e) {
        problems.addAll(e.messages());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    Map<String, String> fileOfKey = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      String other = fileOfKey.putIfAbsent(keys.get(i), segmentFiles.get(i));
      if (other != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--segment: "
            + segmentFiles.get(i) + " and " + other + " have the same key \"" + keys.get(i)
            + "\" (a segment's key is its id, else its path)");
      }
    }
    Instant now = options.now != null ? options.now : Clock.systemUTC().instant();
    ZoneId zone = options.zone != null ? options.zone : ZoneOffset.UTC;
    int status;
    try (ChangeStream stream = open(data);
        Run run = new Run(data, now, zone, keys, segments, cli.out(), cli.err())) {
      status = run.replay(stream);
    } catch (IOException e) {
      throw new InvalidInput(changes + ": cannot close: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new InvalidInput(e.getMessage());
    }
    if (save != null) {
      SnapshotCommand.save(data.index(), data.segments(), save);
    }
    return status;
  }

  private static Path path(String file) {
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw new InvalidInput(file + ": not a valid path");
    }
  }

  /** The change stream, before anything is printed: a file that cannot be read is exit 1. */
  private ChangeStream open(Dataset data) {
    if (changes.equals("-")) {
      return ChangeStream.of(cli.in(), "-", data.schema());
    }
    try {
      return ChangeStream.open(path(changes), data.schema());
    } catch (IOException e) {
      InvalidInput invalid = InvalidInput.cannotRead(changes, e);
      if (!invalid.getMessage().contains("is not a regular file")) {
        throw invalid;
      }
      // a pipe such as <(command) is a FIFO: the stream can come on standard input
      throw new InvalidInput(invalid.getMessage() + "; for a stream, use --changes - and pipe "
          + "it to standard input");
    }
  }

  /** One replay: the live segments, what each step changed of them, and what it printed. */
  private static final class Run implements AutoCloseable {
    private final LiveSegments live;
    private final List<String> keys;
    private final List<LiveSegment> registered = new ArrayList<>();
    /** The change of the current step, by segment position; null where nothing changed. */
    private final SegmentChange[] pending;
    private final PrintStream out;
    private final PrintStream err;
    /** What went wrong in a delivery (a bug of ours), reported after the step. */
    private String failure;
    private boolean rejectedAny;

    Run(Dataset data, Instant now, ZoneId zone, List<String> keys, List<Segment> segments,
        PrintStream out, PrintStream err) {
      // Direct delivery: every notification of a step has arrived when the step returns.
      this.live = LiveSegments.builder(data.index())
          .clock(Clock.fixed(now, ZoneOffset.UTC))
          .segments(data.segments())
          .executor(Runnable::run)
          .errorHandler((segment, error) -> fail("live segment \"" + segment.key() + "\": "
              + error))
          .build();
      this.keys = keys;
      this.pending = new SegmentChange[keys.size()];
      this.out = out;
      this.err = err;
      for (int i = 0; i < keys.size(); i++) {
        int position = i;
        SegmentListener listener = new SegmentListener() {
          @Override
          public void onChange(SegmentChange change) {
            if (pending[position] != null) {
              fail("two notifications of \"" + change.key() + "\" in one step");
            }
            pending[position] = change;
          }

          @Override
          public void onResync(SegmentResync resync) {
            // one notification at a time on this thread: a queue never fills
            fail("a resync of \"" + resync.key() + "\" with direct delivery");
          }
        };
        try {
          registered.add(live.register(keys.get(i), segments.get(i), zone, listener));
        } catch (InvalidSegmentException e) {
          live.close();
          throw new InvalidInput(DatasetOptions.problems(keys.get(i), e));
        }
      }
    }

    private void fail(String message) {
      if (failure == null) {
        failure = message;
      }
    }

    @Override
    public void close() {
      live.close();
    }

    int replay(ChangeStream stream) {
      for (ChangeLine line = stream.next(); line != null; line = stream.next()) {
        step(line);
      }
      StringBuilder counts = new StringBuilder();
      for (int i = 0; i < keys.size(); i++) {
        counts.append("{\"segment\":").append(Json.string(keys.get(i))).append(",\"count\":")
            .append(registered.get(i).members().count()).append("}\n");
      }
      out.print(counts);
      out.flush();
      return rejectedAny ? SegmentCli.INVALID : SegmentCli.OK;
    }

    /** Applies one line as one step, then prints what it changed. */
    private void step(ChangeLine line) {
      if (line instanceof ChangeLine.Rejected r) {
        reject(r);
        return;
      }
      if (line instanceof ChangeLine.Tick tick) {
        if (tick.now().isBefore(live.now())) {
          reject(tick.backwardsFrom(live.now()));
          return;
        }
        live.advanceTo(tick.now());
      } else {
        ChangeLine.Changes changes = (ChangeLine.Changes) line;
        try {
          live.index().update(changes::applyTo);
        } catch (InvalidChangeException e) {
          reject(e.rejected());
          return;
        }
      }
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < pending.length; i++) {
        SegmentChange c = pending[i];
        if (c != null) {
          pending[i] = null;
          sb.append("{\"line\":").append(line.line()).append(",\"segment\":")
              .append(Json.string(keys.get(i))).append(",\"entered\":");
          ids(sb, c.entered());
          sb.append(",\"exited\":");
          ids(sb, c.exited());
          sb.append("}\n");
        }
      }
      if (!sb.isEmpty()) {
        out.print(sb);
        out.flush(); // a consumer of a live stream sees each step as it happens
      }
    }

    private void reject(ChangeLine.Rejected r) {
      rejectedAny = true;
      err.println("error: " + r.located());
    }

    /** A JSON array of ids sorted by UTF-16 code units ({@link String#compareTo}). */
    private static void ids(StringBuilder sb, List<String> ids) {
      List<String> sorted = new ArrayList<>(ids);
      sorted.sort(null);
      sb.append('[');
      for (int i = 0; i < sorted.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(Json.string(sorted.get(i)));
      }
      sb.append(']');
    }
  }
}
