package io.mpcrm.connector.changeset;

import java.util.List;

/** A feature's records whose change sets are still open, for the one tracker that follows every change set. */
public interface OpenChangeSets {

    List<OpenChangeSet> open();
}
