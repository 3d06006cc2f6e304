package org.segmentdsl.json;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.eval.ConditionChecker;
import org.segmentdsl.internal.InputFiles;

/** A dataset's {@code segments/*.json}: read, given ids, checked together. */
final class SavedSegments {
  private SavedSegments() {}

  /**
   * Reads every {@code *.json} of a folder (none if it does not exist), in file name order, into
   * a registry; adds each problem to {@code problems} as {@code file: /pointer: message}.
   */
  static SegmentRegistry read(Path folder, Schema schema, List<String> problems) {
    List<Path> files = new ArrayList<>();
    try {
      // listing opens the path, which blocks if it is a FIFO: look at what it is first
      if (!Files.readAttributes(folder, BasicFileAttributes.class).isDirectory()) {
        problems.add(folder + ": is not a directory");
        return SegmentRegistry.empty();
      }
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*.json")) {
        dir.forEach(files::add);
      }
    } catch (NoSuchFileException e) {
      return SegmentRegistry.empty();
    } catch (IOException e) {
      problems.add(folder + ": " + InputFiles.describe(e));
      return SegmentRegistry.empty();
    }
    files.sort(null);
    Map<String, Segment> byId = new LinkedHashMap<>();
    Map<String, Path> fileOf = new LinkedHashMap<>();
    for (Path file : files) {
      Segment s;
      try {
        s = SegmentJson.read(file);
      } catch (SegmentFormatException e) {
        e.problems().forEach(p -> add(problems, file, p.toString()));
        continue;
      } catch (IOException e) {
        add(problems, file, InputFiles.describe(e));
        continue;
      }
      if (s.id() == null) {
        add(problems, file, "a saved segment needs an \"id\"");
      } else if (byId.containsKey(s.id())) {
        add(problems, file, "/id: the id \"" + s.id() + "\" is also the id of "
            + fileOf.get(s.id()).getFileName());
      } else {
        byId.put(s.id(), s);
        fileOf.put(s.id(), file);
      }
    }
    SegmentRegistry registry = SegmentRegistry.of(byId.values());
    for (Segment s : byId.values()) {
      try {
        ConditionChecker.check(schema, registry, s.id(), s.condition(), "/where");
      } catch (InvalidSegmentException e) {
        e.problems().forEach(p -> add(problems, fileOf.get(s.id()), p.toString()));
      }
    }
    return registry;
  }

  private static void add(List<String> problems, Path file, String message) {
    if (problems.size() < DatasetException.MAX_PROBLEMS) {
      problems.add(file + ": " + message);
    }
  }
}
