package org.segmentdsl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.inSegment;
import static org.segmentdsl.dsl.Conditions.tagContains;
import static org.segmentdsl.dsl.Conditions.tagEndsWith;
import static org.segmentdsl.dsl.Conditions.tagStartsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.TagCondition;

/**
 * Pattern conditions over dictionaries of distinct tags and string values (segment-format.md 4):
 * matched once per distinct pattern in an evaluation, through sorted indexes of the dictionary,
 * many distinct {@code contains} patterns over one dictionary in one walk, with the answers a
 * plain scan gives.
 */
class PatternMatchesTest {
  private static final EvaluationContext CTX = EvaluationContext.at(Instant.parse(
      "2026-11-28T12:00:00Z"));
  private static final Schema SCHEMA = Schema.builder()
      .contactField("email", FieldType.STRING).build();

  /** {@code n} contacts {@code c<i>}, each with the distinct tag {@code tag-<i>}. */
  private static ContactIndex distinctTags(int n) {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> {
      for (int i = 0; i < n; i++) {
        b.upsert(Contact.builder("c" + i).tags("tag-" + i).build());
      }
    });
    return index;
  }

  @Test
  void thousandsOfRepeatedPatternsWalkTheDictionaryOncePerDistinctPattern() {
    ContactIndex index = distinctTags(200_000);
    List<Condition> conditions = new ArrayList<>();
    for (int i = 0; i < 9_996; i++) {
      conditions.add(switch (i % 4) {
        case 0 -> tagContains("77");
        case 1 -> tagStartsWith("tag-12");
        case 2 -> tagEndsWith("99");
        default -> new TagCondition("TAG-5", TagCondition.Op.EQ, true, null);
      });
    }
    Condition big = any(conditions);
    long walks = Evaluation.DICTIONARY_WALKS.sum();
    int count = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> index.evaluate(big, CTX).count());
    assertThat(Evaluation.DICTIONARY_WALKS.sum() - walks).isEqualTo(4);
    int expected = 0;
    for (int i = 0; i < 200_000; i++) {
      String t = "tag-" + i;
      expected += t.contains("77") || t.startsWith("tag-12") || t.endsWith("99")
          || t.equals("tag-5") ? 1 : 0;
    }
    assertThat(count).isEqualTo(expected);

    walks = Evaluation.DICTIONARY_WALKS.sum();
    long explained = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> index.explain(big, CTX).total());
    assertThat(explained).isEqualTo(expected);
    assertThat(Evaluation.DICTIONARY_WALKS.sum() - walks).isEqualTo(4); // shared by both passes
  }

  private static final String[] PARTS = {"a", "B", "ab", "Ab", "ba", "x", "-", "é", "É", "bA"};

  /** One to four of {@code parts}. */
  private static String randomWord(Random r, String[] parts) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(parts[r.nextInt(parts.length)]);
    }
    return sb.toString();
  }

  @Test
  void indexedMatchesEqualAPlainScanBeforeAndAfterUpdates() {
    Random r = new Random(14);
    ContactIndex index = ContactIndex.create(SCHEMA);
    Map<String, Contact> model = new HashMap<>();
    for (int round = 0; round < 4; round++) {
      // each round replaces some contacts, so that some shards' indexes are dropped and rebuilt
      index.update(b -> {
        for (int i = 0; i < 600; i++) {
          Contact c = Contact.builder("c" + r.nextInt(2_000))
              .tags(randomWord(r, PARTS), randomWord(r, PARTS))
              .field("email", randomWord(r, PARTS)).build();
          b.upsert(c);
          model.put(c.id(), c);
        }
      });
      for (int q = 0; q < 60; q++) {
        TagCondition.Op op = TagCondition.Op.values()[r.nextInt(4)];
        String pattern = randomWord(r, PARTS);
        boolean ic = r.nextBoolean();
        Condition tagCondition = new TagCondition(pattern, op, ic, null);
        var f = ic ? field("email").ignoringCase() : field("email");
        Condition fieldCondition = switch (op) {
          case EQ -> f.eq(pattern);
          case STARTS_WITH -> f.startsWith(pattern);
          case ENDS_WITH -> f.endsWith(pattern);
          case CONTAINS -> f.contains(pattern);
        };
        // the plain test, value by value, that the index must agree with
        Predicate<String> test = v -> op.test(v, pattern, ic);
        assertThat(index.evaluate(tagCondition, CTX).ids()).as("%s", tagCondition)
            .containsExactlyInAnyOrderElementsOf(model.values().stream()
                .filter(c -> c.tags().stream().anyMatch(test)).map(Contact::id).toList());
        assertThat(index.evaluate(fieldCondition, CTX).ids()).as("%s", fieldCondition)
            .containsExactlyInAnyOrderElementsOf(model.values().stream()
                .filter(c -> test.test((String) c.fields().get("email"))).map(Contact::id)
                .toList());
      }
    }
  }

  @Test
  void distinctContainsPatternsWalkEachDictionaryOnce() {
    Schema schema = Schema.builder().contactField("email", FieldType.STRING)
        .dealField("stage", FieldType.STRING).build();
    ContactIndex index = ContactIndex.create(schema);
    int n = 20_000;
    index.update(b -> {
      for (int i = 0; i < n; i++) {
        b.upsert(Contact.builder("c" + i).tags("tag-" + i).field("email", "user" + i + "@x.org")
            .build());
        if (i % 2 == 0) {
          b.upsertDeal(Deal.builder("d" + i, "c" + i).field("stage", "Stage-" + i).build());
        }
      }
    });
    List<Condition> referenced = new ArrayList<>();
    List<Condition> root = new ArrayList<>();
    List<Condition> stages = new ArrayList<>();
    for (int k = 0; k < 300; k++) {
      referenced.add(tagContains("-" + (k * 53 + 11) + "9"));
      root.add(tagContains("g-" + k * 37));
      root.add(new TagCondition("TAG-" + (k * 41 + 5), TagCondition.Op.CONTAINS, true, null));
      root.add(field("email").contains("r" + k * 43 + "@"));
      stages.add(field("stage").contains("ge-" + k * 29 + "1"));
    }
    root.add(inSegment("many"));
    root.add(deal(any(stages)));
    EvaluationContext ctx = CTX.withSegments(SegmentRegistry.of(
        Segment.builder().id("many").where(any(referenced)).build()));
    Condition big = any(root);
    Set<String> expected = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      String tag = "tag-" + i;
      String email = "user" + i + "@x.org";
      String stage = i % 2 == 0 ? "Stage-" + i : null;
      for (int k = 0; k < 300; k++) {
        if (tag.contains("-" + (k * 53 + 11) + "9") || tag.contains("g-" + k * 37)
            || tag.contains("tag-" + (k * 41 + 5)) || email.contains("r" + k * 43 + "@")
            || stage != null && stage.contains("ge-" + k * 29 + "1")) {
          expected.add("c" + i);
        }
      }
    }

    long walks = Evaluation.DICTIONARY_WALKS.sum();
    assertThat(index.evaluate(big, ctx).ids()).containsExactlyInAnyOrderElementsOf(expected);
    // the tags as they are and in lower case, the e-mail addresses, the deals' stages
    assertThat(Evaluation.DICTIONARY_WALKS.sum() - walks).isEqualTo(4);
    walks = Evaluation.DICTIONARY_WALKS.sum();
    assertThat(index.explain(big, ctx).total()).isEqualTo(expected.size());
    assertThat(Evaluation.DICTIONARY_WALKS.sum() - walks).isEqualTo(4); // shared by both passes
  }

  /** Pieces of tags and values: overlapping, cased, with letters whose lower case is special. */
  private static final String[] CASED = {"a", "aB", "b", "B", "-", "é", "É", "Σ", "σ", "ς", "İ",
      "i", "I", "ß", "SS"};

  @Test
  void manyContainsPatternsTogetherAnswerAsEachAlone() {
    for (long seed = 0; seed < 25; seed++) {
      Random r = new Random(seed);
      ContactIndex index = ContactIndex.create(SCHEMA);
      index.update(b -> {
        for (int i = 0; i < 400; i++) {
          b.upsert(Contact.builder("c" + i).tags(randomWord(r, CASED), randomWord(r, CASED))
              .field("email", randomWord(r, CASED) + randomWord(r, CASED)).build());
        }
      });
      List<String> patterns = new ArrayList<>();
      List<Condition> conditions = new ArrayList<>();
      int count = 4 * Evaluation.SHARED_WALK + r.nextInt(40); // four dictionaries
      for (int i = 0; i < count; i++) {
        String p = patterns.isEmpty() || r.nextInt(3) == 0 ? randomWord(r, CASED)
            : patterns.get(r.nextInt(patterns.size())) + CASED[r.nextInt(CASED.length)];
        patterns.add(p); // overlapping: many patterns extend an earlier one
        boolean ic = r.nextBoolean();
        conditions.add(r.nextBoolean() ? new TagCondition(p, TagCondition.Op.CONTAINS, ic, null)
            : (ic ? field("email").ignoringCase() : field("email")).contains(p));
      }
      Set<String> alone = new LinkedHashSet<>();
      for (Condition c : conditions) {
        alone.addAll(index.evaluate(c, CTX).ids()); // one pattern: a walk of its own
      }
      assertThat(index.evaluate(any(conditions), CTX).ids()).as("seed %d: %s", seed, conditions)
          .containsExactlyInAnyOrderElementsOf(alone);
    }
  }
}
