package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.sql.SegmentSql;
import org.segmentdsl.sql.SqlEngine;
import org.segmentdsl.spark.SparkSegments;

/**
 * The DuckDB property test's smaller twin on Spark {@code local[2]}: random worlds ({@link
 * RandomHistory}) registered as the layout's views, random segments of every condition kind
 * (trees of depth 4 to 6, event, deal, account and reference trees) compiled to Spark SQL: the
 * same members as the engine, in order. The session's time zone is set far from UTC, so an
 * answer that depended on it would show. {@value #DEFAULT_TRIES} tries by default ({@code
 * -Dsegment.tries=N}, {@code -Dsegment.seed=S}).
 */
class SparkMatchesEngineTest {
  static final int DEFAULT_TRIES = 25;
  static final int CONDITIONS_PER_TRY = 4;

  @Test
  void compiledSegmentsGiveTheEnginesMembersOnRandomWorlds() {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("segment-dsl-tests")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "Pacific/Kiritimati").getOrCreate();
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(DEFAULT_TRIES);
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      SplittableRandom rnd = new SplittableRandom(seed ^ 0x5EED);
      RandomHistory h = RandomHistory.after(seed, rnd.nextInt(3));
      IndexSnapshot snapshot = h.index().snapshot();
      SparkSegments.register(spark, snapshot);
      for (int k = 0; k < CONDITIONS_PER_TRY; k++) {
        Condition condition = switch (k) {
          case 0 -> h.s.condition(4 + rnd.nextInt(3));
          case 1 -> h.s.eventCondition(1 + rnd.nextInt(4));
          case 2 -> h.s.relatedCondition(1 + rnd.nextInt(3));
          default -> h.condition();
        };
        EvaluationContext ctx = h.context();
        Segment segment = Segment.of(condition);
        List<String> expected;
        try {
          expected = snapshot.evaluate(segment, ctx).ids();
        } catch (InvalidSegmentException e) {
          continue;
        }
        String where = "seed " + seed + " (base " + base + ", try " + t + "), condition "
            + condition + "\nctx " + ctx + "\n" + h.where() + "\nSQL: "
            + SegmentSql.compile(segment, h.schema(), ctx, SqlEngine.SPARK) + "\n"
            + Seeds.replay(getClass().getSimpleName(), seed);
        // each try joins its ids on one kind of key and counts on the other
        SegmentSql.Keys keys = SegmentSql.Keys.values()[(t + k) % 2];
        SegmentSql.Keys other = SegmentSql.Keys.values()[(t + k + 1) % 2];
        assertEquals(expected, SparkSegments.ids(spark, segment, h.schema(), ctx, keys),
            () -> keys + "\n" + where);
        assertEquals(expected.size(), SparkSegments.count(spark, segment, h.schema(), ctx,
            other), () -> "the count query\n" + SegmentSql.compileCount(segment, h.schema(), ctx,
                SqlEngine.SPARK, other) + "\n" + where);
      }
    }
  }
}
