package no.dokumentdeling.fhir;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.api.IJobPartitionProvider;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexJobParameters;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexUtils;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jakarta.annotation.PreDestroy;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings the search indexes of stored resources up to date after their SearchParameters changed, with HAPI's
 * reindex job. The job runs in the background, in chunks, and survives a restart (its state is in the database).
 *
 * <p>HAPI moves such a job from one step to the next only in its maintenance pass, once a minute, and the reindex
 * job has several steps: left alone, even an empty database would wait minutes before a new SearchParameter finds
 * the documents stored before it. While the job runs, this runs a maintenance pass every second.
 */
@Component
public class StoredResourceReindexing {

	private static final Logger log = LoggerFactory.getLogger(StoredResourceReindexing.class);
	private static final long DRIVE_INTERVAL_MILLIS = 1000;

	private final IJobCoordinator jobCoordinator;
	private final IJobPartitionProvider jobPartitionProvider;
	private final IJobMaintenanceService jobMaintenance;
	private final ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "reindex-driver");
		thread.setDaemon(true);
		return thread;
	});

	public StoredResourceReindexing(IJobCoordinator jobCoordinator, IJobPartitionProvider jobPartitionProvider,
			IJobMaintenanceService jobMaintenance) {
		this.jobCoordinator = jobCoordinator;
		this.jobPartitionProvider = jobPartitionProvider;
		this.jobMaintenance = jobMaintenance;
	}

	/** Starts reindexing every stored resource of these types; returns the job's instance id. */
	public String reindex(Set<String> resourceTypes) {
		SystemRequestDetails request = new SystemRequestDetails();
		ReindexJobParameters parameters = new ReindexJobParameters();
		jobPartitionProvider.getPartitionedUrls(request, resourceTypes.stream().map(type -> type + "?").toList())
				.forEach(parameters::addPartitionedUrl);
		JobInstanceStartRequest start = new JobInstanceStartRequest();
		start.setJobDefinitionId(ReindexUtils.JOB_REINDEX);
		start.setParameters(parameters);
		String instanceId = jobCoordinator.startInstance(request, start).getInstanceId();
		log.info("Reindexing the stored resources of {} (job {})", resourceTypes, instanceId);
		driveUntilEnded(instanceId);
		return instanceId;
	}

	private void driveUntilEnded(String instanceId) {
		if (!driver.isShutdown()) {
			driver.schedule(() -> {
				if (advance(instanceId)) {
					driveUntilEnded(instanceId);
				}
			}, DRIVE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	/** One step of driving the job; false once it has ended. */
	private boolean advance(String instanceId) {
		try {
			JobInstance job = jobCoordinator.getInstance(instanceId);
			if (job.getStatus().isEnded()) {
				if (job.getStatus() == StatusEnum.COMPLETED) {
					log.info("Reindex job {} completed: {} resources", instanceId, job.getCombinedRecordsProcessed());
				} else {
					log.error("Reindex job {} ended {}: {}", instanceId, job.getStatus(), job.getErrorMessage());
				}
				return false;
			}
			// HAPI's triggerMaintenancePass() does nothing unless job fast-tracking is on; a pass run here is guarded
			// against overlapping with the scheduled one.
			jobMaintenance.runMaintenancePass();
		} catch (RuntimeException e) {
			log.warn("Could not advance reindex job {}; HAPI's own maintenance pass still will: {}", instanceId, e.toString());
		}
		return true;
	}

	@PreDestroy
	void stop() {
		driver.shutdownNow();
	}
}
