"""Run queued jobs (OCA ``queue_job``) in the benchmark's transaction, as the
job runner's controller (``/queue_job/runjob``) runs each one: started,
performed, done, then the jobs that waited for it enqueued. One after the
other, in the order they were queued; nothing is committed (the benchmark
rolls back)."""

from odoo.addons.queue_job.job import DONE, ENQUEUED, PENDING, Job


def perform_jobs(env, domain):
    """Perform every job of ``domain`` that is or becomes ready; returns the
    number performed. Raises if one fails or some are left waiting."""
    Queue = env["queue.job"]
    performed = 0
    while True:
        record = Queue.search(
            [*domain, ("state", "in", (PENDING, ENQUEUED))], order="id", limit=1
        )
        if not record:
            break
        job = Job.load(env, record.uuid)
        job.set_started()
        job.store()
        job.perform()
        env.flush_all()
        job.set_done()
        job.store()
        # the dependents' query reads the states in the database
        env.flush_all()
        if job.should_check_dependents():
            job.enqueue_waiting()
        performed += 1
    left = Queue.search_count([*domain, ("state", "!=", DONE)])
    if left:
        raise RuntimeError(f"{left} queued jobs were not performed")
    return performed
