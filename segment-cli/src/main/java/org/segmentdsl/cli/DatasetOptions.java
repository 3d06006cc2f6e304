package org.segmentdsl.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.InstantRange;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.InvalidSnapshotException;
import org.segmentdsl.Segment;
import org.segmentdsl.SnapshotFile;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.json.DatasetException;
import org.segmentdsl.json.DatasetLoader;
import org.segmentdsl.json.SegmentJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code eval}, {@code explain} and {@code replay} share: the dataset, the segments and the
 * context.
 */
final class DatasetOptions {
  static final String DATA_HELP = "The dataset folder (schema.json, contacts.jsonl, ...).";

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(names = "--now", paramLabel = "INSTANT", converter = InstantConverter.class,
      description = "The instant to evaluate at, ISO-8601 with offset (default: now).")
  Instant now;

  @Option(names = "--zone", paramLabel = "ZONE", converter = ZoneConverter.class,
      description = "The IANA time zone of dates (default: UTC).")
  ZoneId zone;

  /**
   * ISO-8601 instants with an offset: {@code 2026-11-28T09:30:00Z}, {@code ...+02:00}, with
   * {@code T} and {@code Z} in either case, from -290000-01-01 to +290000-12-31 (the format's
   * range; beyond it a usage error rather than an overflow later).
   */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      Instant instant;
      try {
        instant = OffsetDateTime.parse(value.replace('t', 'T').replace('z', 'Z'),
            DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("expected an ISO-8601 instant with offset such as "
            + "2026-11-28T09:30:00Z, got '" + value + "'");
      }
      if (!InstantRange.contains(instant)) {
        throw new TypeConversionException("'" + value + "' is outside the instants a segment "
            + "may use, " + InstantRange.TEXT);
      }
      return instant;
    }
  }

  /** IANA zone ids. */
  static final class ZoneConverter implements ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value);
      } catch (RuntimeException e) {
        throw new TypeConversionException("unknown time zone '" + value
            + "' (expected an IANA id such as America/New_York)");
      }
    }
  }

  /**
   * Where the data comes from: a dataset folder or a snapshot file, exactly one of them (in
   * {@code validate}, at most one).
   */
  static final class Input {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = DATA_HELP)
    Path data;

    @Option(names = "--snapshot", required = true, paramLabel = "FILE",
        description = "A snapshot file (bin/segment snapshot, replay --save) in place of --data.")
    Path snapshot;

    /** Loads the dataset folder or the snapshot file. */
    Dataset load(PrintStream err) {
      return data != null ? folder(data, err) : snapshot(snapshot);
    }
  }

  /** Loads the dataset folder or the snapshot file. */
  Dataset load(PrintStream err) {
    return input.load(err);
  }

  /** Loads a dataset folder, with progress on standard error when it is a terminal. */
  static Dataset folder(Path data, PrintStream err) {
    if (!Files.isDirectory(data)) {
      throw new InvalidInput(data + ": not a dataset folder");
    }
    ProgressLine progress = System.console() == null ? null
        : new ProgressLine(err, System::nanoTime);
    try {
      return DatasetLoader.load(data, progress);
    } catch (DatasetException e) {
      throw new InvalidInput(e.lines());
    } finally {
      if (progress != null) {
        progress.clear(); // before any error line
      }
    }
  }

  /**
   * Loads a snapshot file as the dataset it was saved from: its index's schema, the index and
   * its saved segments. A damaged or foreign file is one {@code error: FILE: what is wrong}.
   */
  static Dataset snapshot(Path file) {
    SnapshotFile.Loaded loaded;
    try {
      loaded = SnapshotFile.load(file);
    } catch (InvalidSnapshotException e) {
      throw new InvalidInput(e.getMessage()); // names the file already
    } catch (IOException e) {
      throw InvalidInput.cannotRead(file.toString(), e);
    }
    return new Dataset(loaded.index().schema(), loaded.index(), loaded.segments());
  }

  EvaluationContext context(Dataset d) {
    return EvaluationContext.of(now != null ? now : Clock.systemUTC().instant(),
        zone != null ? zone : ZoneOffset.UTC).withSegments(d.segments());
  }

  /**
   * Reads a segment file, against the dataset when there is one ({@code d} may be null);
   * problems as {@code FILE: /pointer: message}.
   */
  static Segment segment(Path file, Dataset d) {
    if (file.toString().isEmpty()) {
      throw new InvalidInput("\"\": an empty path names no file");
    }
    try {
      return d == null ? SegmentJson.read(file) : SegmentJson.read(file, d.schema(), d.segments());
    } catch (InvalidSegmentException e) {
      throw new InvalidInput(problems(file.toString(), e));
    } catch (IOException e) { // missing, a directory, a FIFO, a device...
      throw InvalidInput.cannotRead(file.toString(), e);
    }
  }

  /** Reads inline segment JSON against the dataset. */
  static Segment inline(String json, Dataset d) {
    try {
      return SegmentJson.read(json, d.schema(), d.segments());
    } catch (InvalidSegmentException e) {
      throw new InvalidInput(problems("--json", e));
    }
  }

  static List<String> problems(String source, InvalidSegmentException e) {
    List<String> out = new ArrayList<>();
    e.problems().forEach(p -> out.add(source + ": " + p));
    return out;
  }
}
