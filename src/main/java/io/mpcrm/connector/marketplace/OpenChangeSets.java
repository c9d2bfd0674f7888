package io.mpcrm.connector.marketplace;

import java.util.List;

/** A feature's records whose change sets are still open, for the one tracker that follows every change set. */
public interface OpenChangeSets {

    List<OpenChangeSet> open();
}
