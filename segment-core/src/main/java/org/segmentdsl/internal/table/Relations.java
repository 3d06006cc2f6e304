package org.segmentdsl.internal.table;

import java.util.Arrays;
import java.util.Map;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.BitSetUtil;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.FieldType;
import org.segmentdsl.Schema;
import org.segmentdsl.internal.ReadMeter;
import org.segmentdsl.internal.column.ChunkedArray;
import org.segmentdsl.internal.column.ChunkedInts;

/**
 * A snapshot's deals and accounts, and how they lead to contacts. Deals and accounts are tables of
 * their own, each an {@link IndexData} whose "contact" fields are the deal or account fields, so
 * that conditions inside {@code deal(...)} and {@code account(...)} are planned and evaluated by
 * the same code as contact conditions, over the deal or account rows.
 *
 * <p>Projection to contacts: a deal row's owner is one int in {@link #dealOwners} (a matching deal
 * set becomes its owners' bitmap in one pass over the deal rows); an account row's contacts are a
 * set in {@link #accountMembers} (a few matching accounts become the union of their members'), and
 * each contact's account is one int in {@link #accountOf} (many matching accounts become one pass
 * over that column).
 *
 * <p>The other way round, for evaluations over a few contacts (live segments re-test only the
 * contacts a batch touched): {@link #dealsByOwner} gives a contact's deal rows and {@link
 * #accountOf} its account row, so that a few contacts' deals are tested without a pass over the
 * deal table.
 *
 * @param deals the deal table
 * @param dealOwners the contact row of each live deal row
 * @param accounts the account table
 * @param accountMembers the contact rows linked to each account row
 * @param dealsByOwner the deal rows of each contact row (null: none)
 * @param accountOf each contact row's account row plus one (0: no account)
 */
public record Relations(IndexData deals, ChunkedInts dealOwners, IndexData accounts,
    AccountMembers accountMembers, ChunkedArray<int[]> dealsByOwner, ChunkedInts accountOf) {

  /** The rows related to some contact rows: their deals, or their accounts. */
  public RoaringBitmap relatedRows(Kind kind, RoaringBitmap contactRows) {
    RoaringBitmap result = new RoaringBitmap();
    for (IntIterator it = contactRows.getIntIterator(); it.hasNext(); ) {
      int row = it.next();
      if (kind == Kind.DEALS) {
        int[] owned = dealsByOwner.get(row);
        if (owned != null) {
          result.add(owned);
        }
      } else {
        int account = accountOf.get(row);
        if (account > 0) {
          result.add(account - 1);
        }
      }
    }
    return result;
  }

  /**
   * The schema of a deal or account table: its "contact" fields are the given deal or account
   * fields, so that conditions over them are checked and planned as contact conditions are.
   */
  public static Schema tableSchema(Map<String, FieldType> fields) {
    Schema.Builder b = Schema.builder();
    fields.forEach(b::contactField);
    return b.build();
  }

  /** The two kinds of related rows. */
  public enum Kind {
    DEALS,
    ACCOUNTS
  }

  /** The deal or the account table. */
  public IndexData table(Kind kind) {
    return kind == Kind.DEALS ? deals : accounts;
  }

  /** The contact rows that own one of these deal rows, or are linked to one of these accounts. */
  public RoaringBitmap contactsOf(Kind kind, RoaringBitmap rows) {
    return kind == Kind.DEALS ? ownersOf(rows) : membersOf(rows);
  }

  /**
   * Above this many deal rows, {@link #ownersOf} marks owners in a bit set over the contact rows
   * (one write per deal, then one pass over the words) instead of sorting the owners (about 20 ns
   * per deal): at 146,600 qualified deals of 1M contacts, 0.6 ms instead of 1.0-4.7 ms.
   */
  static final int OWNERS_BY_BITS = 8192;

  /**
   * {@link #membersOf} scans {@link #accountOf} (about 1 ns per contact row, whatever the
   * accounts) once {@code accountRows} has more than one account per this many contact rows;
   * below, it unites the accounts' members (about 0.7 µs per account of 20 members). At 1M
   * contacts, 10,013 of 50,000 accounts: 7.3 ms by OR, 1.0 ms by the scan.
   */
  static final int CONTACTS_PER_ACCOUNT_TO_SCAN = 512;

  /** The contact rows owning at least one of {@code dealRows}. */
  public RoaringBitmap ownersOf(RoaringBitmap dealRows) {
    int n = dealRows.getCardinality();
    if (n > OWNERS_BY_BITS) {
      return ownersByBits(dealRows);
    }
    ReadMeter.bytes(dealRows, 4L * n); // their owners' rows
    int[] owners = new int[n];
    int i = 0;
    for (IntIterator it = dealRows.getIntIterator(); it.hasNext(); ) {
      owners[i++] = dealOwners.get(it.next());
    }
    return RoaringBitmap.bitmapOfUnordered(owners);
  }

  private RoaringBitmap ownersByBits(RoaringBitmap dealRows) {
    ReadMeter.bytes(dealRows, 4L * dealRows.getLongCardinality()); // their owners' rows
    long[] words = new long[64];
    int[] batch = new int[256];
    for (BatchIterator it = dealRows.getBatchIterator(); it.hasNext(); ) {
      int k = it.nextBatch(batch);
      for (int i = 0; i < k; i++) {
        int owner = dealOwners.get(batch[i]);
        int w = owner >>> 6;
        if (w >= words.length) {
          words = Arrays.copyOf(words, Math.max(w + 1, words.length * 2));
        }
        words[w] |= 1L << owner;
      }
    }
    return BitSetUtil.bitmapOf(words);
  }

  /** The contact rows linked to at least one of {@code accountRows}. */
  public RoaringBitmap membersOf(RoaringBitmap accountRows) {
    long contactRows = (long) accountOf.chunkCount() << ChunkedInts.SHIFT;
    if (accountRows.getLongCardinality() * CONTACTS_PER_ACCOUNT_TO_SCAN > contactRows) {
      return membersByScan(accountRows);
    }
    RoaringBitmap members = new RoaringBitmap();
    for (IntIterator it = accountRows.getIntIterator(); it.hasNext(); ) {
      accountMembers.addTo(members, it.next());
    }
    return members;
  }

  /**
   * The contact rows whose {@link #accountOf} value (account row plus one) is one of {@code
   * accountRows} plus one: a pass over the column without branches on the data, 64 contact rows
   * to a word.
   */
  private RoaringBitmap membersByScan(RoaringBitmap accountRows) {
    long[] wanted = new long[(accountRows.last() + 1 >>> 6) + 1]; // bit v: account row v - 1
    accountRows.forEach((int row) -> wanted[row + 1 >>> 6] |= 1L << (row + 1));
    long limit = (long) wanted.length << 6;
    int chunks = accountOf.chunkCount();
    ReadMeter.bytes(accountOf, 4L * chunks << ChunkedInts.SHIFT);
    long[] words = new long[chunks << (ChunkedInts.SHIFT - 6)];
    for (int c = 0; c < chunks; c++) {
      int[] chunk = accountOf.chunk(c);
      if (chunk == null) {
        continue;
      }
      int word = c << (ChunkedInts.SHIFT - 6);
      for (int start = 0; start < chunk.length; start += 64, word++) {
        long bits = 0;
        for (int b = 0; b < 64; b++) {
          int v = chunk[start + b];
          bits |= (v < limit ? (wanted[v >>> 6] >>> v) & 1L : 0L) << b;
        }
        words[word] = bits;
      }
    }
    return BitSetUtil.bitmapOf(words);
  }
}
