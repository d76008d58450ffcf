package com.satrank.serving.billing;

import com.satrank.lndclient.InvoiceClient;

/** Issues the invoices behind challenges and deposits; throws {@code ApiException} 503 when it cannot. */
public interface InvoiceIssuer {
    InvoiceClient.IssuedInvoice issue(long amountSats, String memo);
}
