package org.segmentdsl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The generated data set is deterministic and has the shape the benchmarks describe. */
class DataGeneratorTest {
  private static final Dataset DATA = DataGenerator.generate(20_000);

  @Test
  void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
    assertThat(DataGenerator.generate(20_000).fingerprint()).isEqualTo(DATA.fingerprint());
    assertThat(DataGenerator.generate(20_000, DataGenerator.SEED + 1).fingerprint())
        .isNotEqualTo(DATA.fingerprint());
  }

  @Test
  void tagSharesFallFromFortyPercentToAHundredthOfAPercentAndAverageFiveAndAHalf() {
    double[] shares = DataGenerator.TAG_SHARES;
    assertThat(shares).hasSize(200);
    assertThat(shares[0]).isCloseTo(0.40, within(1e-9));
    assertThat(shares[199]).isCloseTo(0.0001, within(1e-9));
    assertThat(Arrays.stream(shares).sum()).isCloseTo(5.5, within(1e-6));
    for (int i = 1; i < shares.length; i++) {
      assertThat(shares[i]).isLessThan(shares[i - 1]);
    }
    assertThat(DATA.tagAssignments() / (double) DATA.contacts()).isCloseTo(5.5, within(0.1));
    assertThat(Arrays.asList(Dataset.TAGS).subList(0, 10))
        .contains("source-webinar", "interest-crm", "status-customer");
  }

  @Test
  void contactsHaveAboutTwentyEventsWithinTheYearBeforeNow() {
    assertThat(DATA.events() / (double) DATA.contacts()).isCloseTo(20, within(1.0));
    long yearAgo = Dataset.NOW_SECOND - 365 * Dataset.DAY_SECONDS;
    for (int second : DATA.eventSecond) {
      // up to an hour after now: events just past the window's end, and purchases after them
      assertThat((long) second).isBetween(yearAgo, Dataset.NOW_SECOND + 7_200);
    }
  }

  @Test
  void fieldsAccountsAndDealsHaveTheirDescribedShares() {
    long us = 0;
    for (byte c : DATA.country) {
      us += c == 0 ? 1 : 0;
    }
    assertThat(us / (double) DATA.contacts()).isCloseTo(0.60, within(0.02));
    assertThat(DATA.accounts()).isEqualTo(1_000);
    long saas = 0;
    for (byte industry : DATA.accountIndustry) {
      saas += Dataset.INDUSTRIES[industry].equals("SaaS") ? 1 : 0;
    }
    assertThat(saas / (double) DATA.accounts()).isCloseTo(0.20, within(0.04));
    for (int c = 0; c < DATA.contacts(); c++) {
      assertThat(DATA.dealOffsets[c + 1] - DATA.dealOffsets[c]).isBetween(0, 3);
    }
  }

  @Test
  void eventsByDayAreInDayOrderAndKeepEveryEventOnce() {
    Dataset.EventOrder byDay = DATA.eventsByDay();
    int[] order = byDay.order();
    assertThat(order).hasSize(DATA.events());
    assertThat(Arrays.stream(order.clone()).sorted().toArray())
        .isEqualTo(java.util.stream.IntStream.range(0, DATA.events()).toArray());
    for (int i = 1; i < order.length; i++) {
      long day = Math.floorDiv(DATA.eventSecond[order[i]], Dataset.DAY_SECONDS);
      long dayBefore = Math.floorDiv(DATA.eventSecond[order[i - 1]], Dataset.DAY_SECONDS);
      assertThat(day).isGreaterThanOrEqualTo(dayBefore);
      int e = order[i];
      int c = byDay.contactOf()[i];
      assertThat(e).isBetween(DATA.eventOffsets[c], DATA.eventOffsets[c + 1] - 1);
    }
  }
}
