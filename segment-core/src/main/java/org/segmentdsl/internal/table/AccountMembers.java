package org.segmentdsl.internal.table;

import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.column.ChunkedArray;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * The contact rows linked to each account row: a sorted {@code int[]} for an account of at most
 * {@value #SMALL} contacts, a bitmap for a larger one. Most accounts of a CRM have a few contacts
 * each, spread over the whole row range: 20 contacts in a bitmap take about 16 containers and
 * 900 bytes, in an array 96. A large account keeps a bitmap, which a batch changes container by
 * container through its {@link WriteScope}; an array is copied whole by each change, at most
 * {@value #SMALL} ints. An account goes over to a bitmap above {@value #SMALL} contacts and back
 * to an array at {@value #SMALL} / 2 or fewer.
 *
 * <p>Instances reachable from a published snapshot are never changed; a commit {@link #edit}s a
 * copy (copy-on-write by chunk of account rows, as {@link ChunkedArray}).
 */
public final class AccountMembers {
  static final int SMALL = 1024;

  private static final AccountMembers EMPTY = new AccountMembers(ChunkedArray.empty());

  /** Per account row: null, an {@code int[]} (sorted, not empty) or a {@link RoaringBitmap}. */
  private ChunkedArray<Object> byAccount;

  private AccountMembers(ChunkedArray<Object> byAccount) {
    this.byAccount = byAccount;
  }

  public static AccountMembers empty() {
    return EMPTY;
  }

  /** The contact rows of an account row, or null if none. Never change the returned bitmap. */
  public RoaringBitmap get(int account) {
    Object members = byAccount.get(account);
    return members instanceof int[] rows ? RoaringBitmap.bitmapOf(rows)
        : (RoaringBitmap) members;
  }

  /** Adds the contact rows of an account row to {@code into}. */
  void addTo(RoaringBitmap into, int account) {
    Object members = byAccount.get(account);
    if (members instanceof int[] rows) {
      into.addN(rows, 0, rows.length);
    } else if (members != null) {
      into.or((RoaringBitmap) members);
    }
  }

  /** This instance, or a copy, that the scope may change. */
  public AccountMembers edit(WriteScope scope) {
    return scope.isFresh(this) ? this
        : scope.created(new AccountMembers(byAccount.edit(scope)));
  }

  /** Links a contact row to an account row. Only on an edited instance. */
  public void add(WriteScope scope, int account, int row) {
    Object members = byAccount.get(account);
    if (members == null) {
      byAccount.set(scope, account, new int[] {row});
    } else if (members instanceof int[] rows) {
      int at = Arrays.binarySearch(rows, row);
      if (at >= 0) {
        return;
      }
      at = -at - 1;
      if (rows.length == SMALL) {
        RoaringBitmap b = scope.created(RoaringBitmap.bitmapOf(rows));
        b.add(row);
        byAccount.set(scope, account, b);
        return;
      }
      int[] more = new int[rows.length + 1];
      System.arraycopy(rows, 0, more, 0, at);
      more[at] = row;
      System.arraycopy(rows, at, more, at + 1, rows.length - at);
      byAccount.set(scope, account, more);
    } else {
      RoaringBitmap b = (RoaringBitmap) members;
      RoaringBitmap next = scope.withRow(b, row);
      if (next != b) {
        byAccount.set(scope, account, next);
      }
    }
  }

  /** Unlinks a contact row from an account row. Only on an edited instance. */
  public void remove(WriteScope scope, int account, int row) {
    Object members = byAccount.get(account);
    if (members instanceof int[] rows) {
      int at = Arrays.binarySearch(rows, row);
      if (at < 0) {
        return;
      }
      int[] fewer = new int[rows.length - 1];
      System.arraycopy(rows, 0, fewer, 0, at);
      System.arraycopy(rows, at + 1, fewer, at, rows.length - at - 1);
      byAccount.set(scope, account, fewer.length == 0 ? null : fewer);
    } else if (members != null) {
      RoaringBitmap b = (RoaringBitmap) members;
      RoaringBitmap next = scope.withoutRow(b, row);
      if (next.getCardinality() <= SMALL / 2) {
        byAccount.set(scope, account, next.isEmpty() ? null : next.toArray());
      } else if (next != b) {
        byAccount.set(scope, account, next);
      }
    }
  }

  /**
   * Writes the accounts with contacts, in account row order, as a bitmap map of account row to
   * contact rows (the layout the snapshot format has always had for it).
   *
   * @param accounts the number of account rows ever given
   */
  public void writeTo(SnapshotOut out, int accounts) {
    int n = 0;
    for (int a = 0; a < accounts; a++) {
      n += byAccount.get(a) != null ? 1 : 0;
    }
    out.writeVarint(n);
    for (int a = 0; a < accounts; a++) {
      RoaringBitmap members = get(a);
      if (members != null) {
        out.writeVarint(a);
        out.writeBitmap(members);
      }
    }
  }

  /** Reads what {@link #writeTo} wrote, for at most {@code accounts} account rows. */
  public static AccountMembers readFrom(SnapshotIn in, int accounts) {
    int n = in.count(2); // an account row and a bitmap take a byte each at least
    if (n > accounts) {
      throw in.malformed(n + " accounts with contacts of " + accounts + " account rows");
    }
    WriteScope scope = new WriteScope();
    AccountMembers members = new AccountMembers(ChunkedArray.empty()).edit(scope);
    for (int i = 0; i < n; i++) {
      int account = in.readInt(accounts - 1);
      RoaringBitmap rows = in.readBitmap();
      if (rows.isEmpty()) {
        throw in.malformed("account row " + account + " has no contacts");
      }
      if (members.byAccount.get(account) != null) {
        throw in.malformed("account row " + account + " twice");
      }
      members.byAccount.set(scope, account,
          rows.getCardinality() <= SMALL ? rows.toArray() : rows);
    }
    return members;
  }
}
