package org.segmentdsl.cli;

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
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Segment;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.json.DatasetException;
import org.segmentdsl.json.DatasetLoader;
import org.segmentdsl.json.SegmentJson;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** What {@code eval} and {@code explain} share: the dataset, the segments and the context. */
final class DatasetOptions {
  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "The dataset folder (schema.json, contacts.jsonl, ...).")
  Path data;

  @Option(names = "--now", paramLabel = "INSTANT", converter = InstantConverter.class,
      description = "The instant to evaluate at, ISO-8601 with offset (default: now).")
  Instant now;

  @Option(names = "--zone", paramLabel = "ZONE", converter = ZoneConverter.class,
      description = "The IANA time zone of dates (default: UTC).")
  ZoneId zone;

  /** ISO-8601 instants with an offset: {@code 2026-11-28T09:30:00Z}, {@code ...+02:00}. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("expected an ISO-8601 instant with offset such as "
            + "2026-11-28T09:30:00Z, got '" + value + "'");
      }
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

  /** Loads the dataset, with progress on standard error when it is a terminal. */
  Dataset load(PrintStream err) {
    if (!Files.isDirectory(data)) {
      throw new InvalidInput(data + ": not a dataset folder");
    }
    DatasetLoader.Progress progress = System.console() == null ? null
        : (file, lines) -> err.printf("\rloading %s: %,d lines ", file, lines);
    try {
      Dataset d = DatasetLoader.load(data, progress);
      if (progress != null) {
        err.print("\r\033[K");
      }
      return d;
    } catch (DatasetException e) {
      throw new InvalidInput(e.problems());
    }
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
    if (!Files.isRegularFile(file)) {
      throw new InvalidInput(file + ": no such file");
    }
    try {
      return d == null ? SegmentJson.read(file) : SegmentJson.read(file, d.schema(), d.segments());
    } catch (InvalidSegmentException e) {
      throw new InvalidInput(problems(file.toString(), e));
    } catch (java.io.UncheckedIOException e) {
      throw new InvalidInput(file + ": cannot read: " + e.getCause().getMessage());
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
