package com.satrank.testing;

import com.satrank.db.EmbeddedDatabase;
import com.satrank.db.Migrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL per JVM, shared by the tests; each test asks for a fresh, migrated
 * database so tests never see each other's rows.
 */
public final class PostgresFixture {
    private static EmbeddedDatabase server;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private PostgresFixture() {
    }

    public record Db(String url, String user, String password) {
        /** Every row of {@code table} as text, ordered by its first column: for byte-identity checks. */
        public String dump(String table) {
            try (Connection c = java.sql.DriverManager.getConnection(url, user, password);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t ORDER BY 1")) {
                StringBuilder sb = new StringBuilder();
                while (rs.next()) {
                    sb.append(rs.getString(1)).append('\n');
                }
                return sb.toString();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        public long count(String table) {
            try (Connection c = java.sql.DriverManager.getConnection(url, user, password);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static synchronized Db freshDatabase() {
        if (server == null) {
            server = EmbeddedDatabase.start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = server.jdbcUrl().replace("/postgres?", "/" + name + "?");
        Migrations.migrate(url, "postgres", "");
        return new Db(url, "postgres", "");
    }
}
