package org.segmentdsl.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segmentdsl.IndexSnapshot;

/** Runs every use case's example on a demo of 30,000 contacts; each checks its own result. */
class ExamplesTest {
  static DemoData data;
  static IndexSnapshot snapshot;

  @BeforeAll
  static void load() {
    data = DemoData.generate(30_000, 42);
    snapshot = data.load().snapshot();
  }

  static Stream<Arguments> examples() {
    return Examples.all().stream().map(e -> Arguments.of(e.segment().id(), e));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void lintFindsNothingToSayAboutIt(String id, Example example) {
    assertThat(snapshot.lint(example.segment(), Examples.context())).as(id).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void agreesWithItsPlainFilterAndSelectsSomeButNotAll(String id, Example example) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Examples.Outcome> outcomes = Examples.run(List.of(example), data, snapshot,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Examples.Outcome o = outcomes.get(0);
    // a segment that selects no one or everyone would prove nothing about its conditions
    assertThat(o.count()).as(o.id()).isPositive().isLessThan(snapshot.size());
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains(o.name() + " (" + o.id() + "): " + String.format("%,d", o.count()))
        .contains("total: " + o.count());
  }
}
