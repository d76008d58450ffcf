package com.satrank.model;

/** The answer ladder (reference §3.3 step 6). */
public enum Verdict {
    SAFE, RISKY, UNKNOWN, INSUFFICIENT
}
