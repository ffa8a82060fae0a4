package no.dokumentdeling.schema;

import ca.uhn.fhir.jpa.config.util.ResourceTypeUtil;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * HAPI's table of resource types, filled once by the migration. HAPI fills it itself at the first start on a new
 * database, and replicas starting at once on one all do, so all but one fail on its unique index. Filled here, under
 * the migration's lock, the replicas find it full and only read it. The ids come from HAPI's own sequence, which HAPI
 * uses for any type it adds later. Without the table (the dev profile's H2, whose HAPI tables Hibernate creates after
 * this runs) there is nothing to fill: that single server fills it at its start.
 */
final class HapiResourceTypesMigration extends OwnJavaMigration {

	private final SchemaDatabase database;

	HapiResourceTypesMigration(SchemaDatabase database) {
		super("2", "HAPI resource types");
		this.database = database;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		if (!HistoryTables.exists(connection, "HFJ_RESOURCE_TYPE")) {
			return;
		}
		try (Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM HFJ_RESOURCE_TYPE")) {
			count.next();
			if (count.getLong(1) > 0) {
				return;
			}
		}
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO HFJ_RESOURCE_TYPE (RES_TYPE_ID, RES_TYPE) VALUES (" + database.nextValue("SEQ_RESOURCE_TYPE") + ", ?)")) {
			for (String type : ResourceTypeUtil.generateResourceTypes()) {
				insert.setString(1, type);
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}
}
