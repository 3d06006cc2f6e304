package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.tag;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.Cancellation;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.EvaluationCancelledException;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.InvalidContactException;
import org.segmentdsl.InvalidEntityException;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentDslException;
import org.segmentdsl.SegmentRegistry;

/**
 * One hierarchy: every refusal of input, and a cancelled evaluation, is a {@link
 * SegmentDslException} (and none is an {@code IllegalArgumentException}, which a caller might
 * catch for its own bugs); files that cannot be read are {@code IOException}s.
 */
class ExceptionHierarchyTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .dealField("value", FieldType.NUMBER)
      .build();
  static final EvaluationContext CTX = EvaluationContext.at(Instant.parse("2026-11-28T12:00:00Z"));

  @TempDir
  Path dir;

  @Test
  void everyRefusalIsASegmentDslException() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    Cancellation cancelled = new Cancellation();
    cancelled.cancel();
    List<Throwable> thrown = List.of(
        caught(() -> index.evaluate(Segment.of(field("countyr").eq("US")), CTX)),
        caught(() -> SegmentJson.read("{")),
        caught(() -> index.update(b -> b.upsert(Contact.builder("c").field("size", 1).build()))),
        caught(() -> index.update(b -> b
            .upsert(Contact.builder("c").build())
            .upsertDeal(Deal.builder("d", "c").field("value", "a lot").build()))),
        caught(() -> index.evaluate(Segment.of(tag("a")), CTX.withCancellation(cancelled))),
        caught(() -> DatasetLoader.load(dir)),
        caught(() -> SchemaJson.read("{\"contact\": 1}")),
        caught(() -> index.update(((ChangeLine.Changes) ChangeStream.of(new ByteArrayInputStream(
            "{\"op\": \"addTag\", \"id\": \"nobody\", \"tag\": \"a\"}\n".getBytes(
                StandardCharsets.UTF_8)), "changes", SCHEMA).next())::applyTo)));
    assertThat(thrown).extracting(t -> t.getClass().getName()).containsExactly(
        InvalidSegmentException.class.getName(), SegmentFormatException.class.getName(),
        InvalidContactException.class.getName(), InvalidEntityException.class.getName(),
        EvaluationCancelledException.class.getName(), DatasetException.class.getName(),
        SchemaFormatException.class.getName(), InvalidChangeException.class.getName());
    assertThat(thrown).allSatisfy(t -> assertThat(t)
        .isInstanceOf(SegmentDslException.class)
        .isNotInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("Exception"));
  }

  @Test
  void aFileThatCannotBeReadIsAnIOExceptionNamingIt() {
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> SegmentJson.read(missing))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing.json");
    assertThatThrownBy(() -> SegmentJson.read(missing, SCHEMA, SegmentRegistry.empty()))
        .isInstanceOf(NoSuchFileException.class);
  }

  private static Throwable caught(ThrowingRunnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("nothing thrown");
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
