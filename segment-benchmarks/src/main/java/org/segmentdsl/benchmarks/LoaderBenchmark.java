package org.segmentdsl.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.json.DatasetLoader;

/**
 * Loading a dataset folder from JSONL, as {@code bin/segment eval --data} does: the generated
 * audience of a given size written by {@link DatasetFolder} (events in time order), read by
 * {@link DatasetLoader} in this JVM, and beside it by DuckDB ({@code read_json} of the same files
 * into tables, with the columns declared, on 2 threads). A single shot each: a load takes
 * seconds, and a user's load runs once.
 *
 * <p>The folders are written under {@code segment-benchmarks/target/loader-data} and kept for
 * later runs (the seed is fixed; a marker file says a folder is complete).
 */
final class LoaderBenchmark {
  private LoaderBenchmark() {}

  /**
   * One load of each engine.
   *
   * @param contactsNanos ours: from the start until {@code deals.jsonl} was read (accounts,
   *     contacts and deals; the last batch may still be committing)
   * @param eventsNanos ours: from then until the index is returned (events, then {@code
   *     compact()})
   * @param duckContactsNanos DuckDB: {@code contacts.jsonl} into a table
   * @param duckEventsNanos DuckDB: {@code events.jsonl} into a table
   */
  record Report(int contacts, int deals, long events, long bytes, long contactsNanos,
      long eventsNanos, long duckContactsNanos, long duckEventsNanos) {
    double contactsPerSecond() {
      return contacts / (contactsNanos / 1e9);
    }

    double eventsPerSecond() {
      return events / (eventsNanos / 1e9);
    }

    double duckContactsPerSecond() {
      return contacts / (duckContactsNanos / 1e9);
    }

    double duckEventsPerSecond() {
      return events / (duckEventsNanos / 1e9);
    }
  }

  /** Writes the folder of that many contacts if it is not there yet, and loads it both ways. */
  static Report measure(int contacts, Path root, Consumer<String> progress) throws IOException {
    Path dir = root.resolve(String.valueOf(contacts));
    Path marker = dir.resolve(".complete");
    org.segmentdsl.benchmarks.Dataset data = DataGenerator.generate(contacts);
    if (!Files.isRegularFile(marker)
        || !Files.readString(marker).equals(data.toString())) {
      progress.accept("writing the " + data + " as a dataset folder in " + dir);
      DatasetFolder.write(data, dir);
      Files.writeString(marker, data.toString());
    }
    long bytes = DatasetFolder.size(dir);
    progress.accept(String.format("loading %s (%,d MB of JSONL) with DatasetLoader", dir,
        bytes >> 20));
    long start = System.nanoTime();
    long[] contactsEnd = {start};
    Dataset loaded = DatasetLoader.load(dir, (file, lines, read, size) -> {
      if (!file.equals("events.jsonl")) {
        contactsEnd[0] = System.nanoTime();
      }
    });
    long end = System.nanoTime();
    int count = loaded.index().snapshot().size();
    if (count != data.contacts()) {
      throw new IllegalStateException("loaded " + count + " contacts of " + data.contacts());
    }
    loaded = null; // let the index go before DuckDB reads
    progress.accept("loading the same files with DuckDB read_json");
    long[] duck = duckDb(dir, data);
    return new Report(data.contacts(), data.deals(), data.events(), bytes,
        contactsEnd[0] - start, end - contactsEnd[0], duck[0], duck[1]);
  }

  /** DuckDB's times for contacts.jsonl and events.jsonl into tables, in nanoseconds. */
  private static long[] duckDb(Path dir, org.segmentdsl.benchmarks.Dataset data) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET threads = " + Integer.getInteger("segment.bench.duckdb.threads", 2));
      long start = System.nanoTime();
      s.execute("CREATE TABLE contacts AS SELECT * FROM read_json(" + literal(dir.resolve(
          "contacts.jsonl")) + ", format = 'newline_delimited', columns = {'id': 'VARCHAR', "
          + "'tags': 'VARCHAR[]', 'lists': 'MAP(VARCHAR, VARCHAR)', 'fields': 'STRUCT(country "
          + "VARCHAR, company_size DOUBLE, signup_date DATE, lifetime_value DOUBLE, renewal_date "
          + "DATE, location STRUCT(lat DOUBLE, lon DOUBLE))', 'account': 'VARCHAR'})");
      long contacts = System.nanoTime();
      s.execute("CREATE TABLE events AS SELECT * FROM read_json(" + literal(dir.resolve(
          "events.jsonl")) + ", format = 'newline_delimited', columns = {'contact': 'VARCHAR', "
          + "'type': 'VARCHAR', 'at': 'TIMESTAMPTZ', 'props': 'STRUCT(campaign VARCHAR, url "
          + "VARCHAR, topic VARCHAR, amount DOUBLE)'})");
      long events = System.nanoTime();
      try (ResultSet r = s.executeQuery(
          "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM events)")) {
        r.next();
        if (r.getLong(1) != data.contacts() || r.getLong(2) != data.events()) {
          throw new IllegalStateException("DuckDB read " + r.getLong(1) + " contacts and "
              + r.getLong(2) + " events of " + data);
        }
      }
      return new long[] {contacts - start, events - contacts};
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB could not read the dataset folder: "
          + e.getMessage(), e);
    }
  }

  private static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
