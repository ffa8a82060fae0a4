package no.dokumentdeling.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Whether a table exists, asked without creating it: a replica that only checks writes nothing. */
public final class HistoryTables {

	static boolean exists(DataSource dataSource, String table) {
		try (Connection connection = dataSource.getConnection()) {
			return exists(connection, table);
		} catch (SQLException e) {
			throw new CannotGetJdbcConnectionException("Cannot read the database's tables", e);
		}
	}

	public static boolean exists(Connection connection, String table) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		// PostgreSQL folds unquoted names to lower case, H2 to upper case.
		for (String name : new String[] {table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)}) {
			try (ResultSet tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), name, null)) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

	private HistoryTables() {}
}
