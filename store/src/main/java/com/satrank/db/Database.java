package com.satrank.db;

import com.satrank.db.EmbeddedDatabase;
import io.dropwizard.db.DataSourceFactory;
import java.nio.file.Path;

/**
 * The database a process uses: the configured external Postgres, or an embedded one started now
 * (cluster under {@code <dataDir>/postgres}) when no URL is configured.
 */
public final class Database implements AutoCloseable {
    private final EmbeddedDatabase embedded;
    private final String url;
    private final String user;
    private final String password;
    private final int maxConnections;

    private Database(EmbeddedDatabase embedded, String url, String user, String password, int maxConnections) {
        this.embedded = embedded;
        this.url = url;
        this.user = user;
        this.password = password;
        this.maxConnections = maxConnections;
    }

    public static Database open(DatabaseConfig db, Path dataDir) {
        if (!db.embedded()) {
            return new Database(null, db.url(), db.user(), db.password(), db.maxConnections());
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"));
        return new Database(embedded, embedded.jdbcUrl(), embedded.user(), "", db.maxConnections());
    }

    public DataSourceFactory dataSourceFactory() {
        DataSourceFactory f = new DataSourceFactory();
        f.setDriverClass("org.postgresql.Driver");
        f.setUrl(url);
        f.setUser(user);
        f.setPassword(password);
        f.setMaxSize(maxConnections);
        f.setMinSize(1);
        f.setInitialSize(1);
        f.setValidationQuery("/* satrank health */ SELECT 1");
        f.setCheckConnectionOnBorrow(true);
        // the pool skips the borrow check for a connection checked within this interval (30 s by
        // default): after a Postgres restart it kept handing out dead connections, and reads
        // answered 503 for up to that long although the database was back
        f.setValidationInterval(io.dropwizard.util.Duration.seconds(1));
        return f;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
