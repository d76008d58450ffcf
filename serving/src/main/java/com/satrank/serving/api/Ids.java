package com.satrank.serving.api;

import com.satrank.model.NodeRef;
import com.satrank.model.Pubkey;
import java.util.Locale;

/** Node ids as the routes take them, parsed once: a bad one is a 400 VALIDATION_ERROR, never a 500. */
public final class Ids {
    private Ids() {
    }

    /** A path or body id: a 66-hex pubkey or a 64-hex node id (public key hash). */
    public static NodeRef nodeRef(String id) {
        try {
            return NodeRef.parse(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(e.getMessage());
        }
    }

    /** A body field that must be a pubkey; case and surrounding blanks are forgiven. */
    public static Pubkey pubkey(String value, String field) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (!Pubkey.isPubkeyHex(lower)) {
            throw ApiException.validation(field + " must be a 66-hex Lightning pubkey");
        }
        return Pubkey.fromHex(lower);
    }
}
