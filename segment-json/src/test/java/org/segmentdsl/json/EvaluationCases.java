package org.segmentdsl.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The conformance suite's evaluation cases ({@code set-N/expected.jsonl}), read with {@link
 * JsonTree}, shared by the SQL, Spark and CLI modules' tests (through this module's test jar).
 *
 * @param segment the segment file, relative to the set's folder
 * @param now the instant of the evaluation
 * @param zone the zone of the evaluation
 * @param ids the expected members, in order
 */
public record EvaluationCases(String segment, String now, String zone, List<String> ids) {
  /** The cases of one set's {@code expected.jsonl}, in order. */
  @SuppressWarnings("unchecked")
  public static List<EvaluationCases> read(Path expectedJsonl) throws IOException {
    List<EvaluationCases> cases = new ArrayList<>();
    for (String line : Files.readAllLines(expectedJsonl)) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> c = (Map<String, Object>) InsightCases.parse(line);
      cases.add(new EvaluationCases((String) c.get("segment"), (String) c.get("now"),
          (String) c.get("zone"), List.copyOf((List<String>) c.get("ids"))));
    }
    return cases;
  }
}
