package org.segmentdsl.internal;

import java.util.Map;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.FieldType;
import org.segmentdsl.Schema;

/**
 * A snapshot's deals and accounts, and how they lead to contacts. Deals and accounts are tables of
 * their own, each an {@link IndexData} whose "contact" fields are the deal or account fields, so
 * that conditions inside {@code deal(...)} and {@code account(...)} are planned and evaluated by
 * the same code as contact conditions, over the deal or account rows.
 *
 * <p>Projection to contacts: a deal row's owner is one int in {@link #dealOwners} (a matching deal
 * set becomes its owners' bitmap in one pass over the deal rows); an account row's contacts are a
 * bitmap in {@link #accountMembers} (a matching account set becomes the OR of its members').
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
    BitmapMap<Integer> accountMembers, ChunkedArray<int[]> dealsByOwner, ChunkedInts accountOf) {

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

  /** The contact rows owning at least one of {@code dealRows}. */
  public RoaringBitmap ownersOf(RoaringBitmap dealRows) {
    int n = dealRows.getCardinality();
    int[] owners = new int[n];
    int i = 0;
    for (IntIterator it = dealRows.getIntIterator(); it.hasNext(); ) {
      owners[i++] = dealOwners.get(it.next());
    }
    return RoaringBitmap.bitmapOfUnordered(owners);
  }

  /** The contact rows linked to at least one of {@code accountRows}. */
  public RoaringBitmap membersOf(RoaringBitmap accountRows) {
    RoaringBitmap[] parts = new RoaringBitmap[accountRows.getCardinality()];
    int i = 0;
    for (IntIterator it = accountRows.getIntIterator(); it.hasNext(); ) {
      RoaringBitmap members = accountMembers.get(it.next());
      parts[i++] = members == null ? new RoaringBitmap() : members;
    }
    return FastAggregation.or(parts);
  }
}
