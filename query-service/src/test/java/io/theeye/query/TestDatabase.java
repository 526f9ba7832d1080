package io.theeye.query;

import io.theeye.localstack.LocalStackTestResource;
import io.theeye.localstack.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC on the test stack's PostgreSQL: writes rows as the processor would and reads what the service wrote. */
final class TestDatabase {

    private TestDatabase() {}

    static Connection connect() throws SQLException {
        StackEndpoints endpoints = LocalStackTestResource.endpoints();
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
    }

    /** Runs one statement with its parameters. */
    static int update(String sql, Object... args) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, args)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a query, each as column name to value. */
    static List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, args);
                ResultSet result = statement.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static PreparedStatement prepare(Connection connection, String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }
}
