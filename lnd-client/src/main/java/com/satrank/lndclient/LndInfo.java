package com.satrank.lndclient;

import com.satrank.model.Pubkey;

/** What GetInfo tells us about the LND we talk to. */
public record LndInfo(Pubkey identity, String alias, String version, int blockHeight, boolean syncedToGraph,
                      int activeChannels) {
}
