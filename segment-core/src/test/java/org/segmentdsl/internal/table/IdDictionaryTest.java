package org.segmentdsl.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The id table: rows in order of first assignment, found by any thread once published. */
class IdDictionaryTest {
  @Test
  void everyIdKeepsTheRowItWasFirstGivenThroughManyGrowths() {
    IdDictionary d = new IdDictionary();
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      assertThat(d.assign("id-" + i)).isEqualTo(i);
    }
    for (int i = 0; i < n; i += 7) {
      assertThat(d.assign("id-" + i)).isEqualTo(i); // again: the same row
      assertThat(d.lookup("id-" + i)).isEqualTo(i);
      assertThat(d.ids().idOf(i)).isEqualTo("id-" + i);
    }
    assertThat(d.lookup("id-" + n)).isEqualTo(-1);
    assertThat(d.lookup("")).isEqualTo(-1);
  }

  @Test
  void idsOfEveryLengthAndAlphabetComeBackAsGivenAcrossArenaChunks() {
    // Latin-1 ids one byte a character, others two; up to the longest id a name may have, so
    // that ids end exactly at and straddle the arena's 1 MiB chunk edges many times over
    long seed = new java.util.SplittableRandom().nextLong();
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    IdDictionary d = new IdDictionary();
    List<String> ids = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    String[] alphabets = {"abcxyz-_0189", "\u00e9\u00ff\u00a0\u00c5", "\u03ba\u0416\u4e2d\u20ac",
        "a\ud83d\ude00\u00e9"};
    while (ids.size() < 6_000) {
      String alphabet = alphabets[r.nextInt(alphabets.length)];
      int length = r.nextInt(4) == 0 ? r.nextInt(900, 1025) : r.nextInt(1, 40);
      StringBuilder b = new StringBuilder();
      while (b.length() < length) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String id = b.substring(0, length);
      if (seen.add(id)) {
        assertThat(d.assign(id)).as("seed %d", seed).isEqualTo(ids.size());
        ids.add(id);
      }
    }
    IdDictionary.Ids view = d.ids();
    assertThat(view.data().length).as("arena chunks").isGreaterThan(2);
    for (int row = 0; row < ids.size(); row++) {
      assertThat(view.idOf(row)).as("seed %d, row %d", seed, row).isEqualTo(ids.get(row));
      assertThat(d.lookup(ids.get(row))).as("seed %d, row %d", seed, row).isEqualTo(row);
      assertThat(d.lookup(ids.get(row) + "#")).isEqualTo(-1); // no alphabet has it
    }
  }

  @Test
  void idsWithEqualHashCodesAreToldApart() {
    // "Aa" and "BB" have the same String.hashCode, and so do all their concatenations
    IdDictionary d = new IdDictionary();
    List<String> colliding = new ArrayList<>();
    for (int bits = 0; bits < 1 << 10; bits++) {
      StringBuilder s = new StringBuilder();
      for (int b = 0; b < 10; b++) {
        s.append((bits >>> b & 1) == 0 ? "Aa" : "BB");
      }
      colliding.add(s.toString());
    }
    assertThat(colliding.stream().map(String::hashCode).distinct()).hasSize(1);
    for (int i = 0; i < colliding.size(); i++) {
      assertThat(d.assign(colliding.get(i))).isEqualTo(i);
    }
    for (int i = 0; i < colliding.size(); i++) {
      assertThat(d.lookup(colliding.get(i))).isEqualTo(i);
    }
  }

  @Test
  void readersFindEveryPublishedIdWhileTheWriterGrowsTheTable() throws Exception {
    IdDictionary d = new IdDictionary();
    AtomicInteger published = new AtomicInteger(); // ids [0, published) have been assigned
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicReference<String> wrong = new AtomicReference<>();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      long seed = t;
      Thread reader = new Thread(() -> {
        Random random = new Random(seed);
        while (writing.get() && wrong.get() == null) {
          int known = published.get();
          if (known == 0) {
            continue;
          }
          int i = random.nextInt(known);
          int row = d.lookup("contact-" + i);
          if (row != i) {
            wrong.compareAndSet(null, "contact-" + i + " found at " + row);
          }
          int absent = d.lookup("never-" + random.nextInt(1000));
          if (absent != -1) {
            wrong.compareAndSet(null, "an id never added found at " + absent);
          }
        }
      });
      reader.start();
      readers.add(reader);
    }
    for (int i = 0; i < 300_000; i++) {
      d.assign("contact-" + i);
      published.set(i + 1);
    }
    writing.set(false);
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(wrong.get()).isNull();
  }
}
