CREATE TABLE "alerts" (
	"run_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"message_id" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alerts_run_id_kind_pk" PRIMARY KEY("run_id","kind"),
	CONSTRAINT "alerts_kind_check" CHECK ("alerts"."kind" in ('drift', 'score'))
);
--> statement-breakpoint
CREATE TABLE "drift_results" (
	"run_id" text NOT NULL,
	"column_name" text NOT NULL,
	"kind" text NOT NULL,
	"test_name" text NOT NULL,
	"drift_score" double precision NOT NULL,
	"threshold" double precision NOT NULL,
	"is_drifted" boolean NOT NULL,
	"reference_count" integer NOT NULL,
	"current_count" integer NOT NULL,
	"reference_missing_count" integer NOT NULL,
	"current_missing_count" integer NOT NULL,
	CONSTRAINT "drift_results_run_id_column_name_pk" PRIMARY KEY("run_id","column_name")
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"version" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"training_run_id" text,
	"model_key" text NOT NULL,
	"decision_threshold" double precision NOT NULL,
	"feature_names" jsonb NOT NULL,
	"params" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"data_fingerprint" text,
	"aliases" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_estimates" (
	"run_id" text NOT NULL,
	"name" text NOT NULL,
	"method" text NOT NULL,
	"value" double precision NOT NULL,
	"lower_bound" double precision,
	"upper_bound" double precision,
	"reference_value" double precision,
	CONSTRAINT "run_estimates_run_id_name_pk" PRIMARY KEY("run_id","name")
);
--> statement-breakpoint
CREATE TABLE "run_metrics" (
	"run_id" text NOT NULL,
	"name" text NOT NULL,
	"value" double precision NOT NULL,
	"reference_value" double precision,
	"threshold" double precision,
	"is_below_threshold" boolean NOT NULL,
	"is_estimated" boolean NOT NULL,
	CONSTRAINT "run_metrics_run_id_name_pk" PRIMARY KEY("run_id","name")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" text PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"object_key" text NOT NULL,
	"etag" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"execution_name" text NOT NULL,
	"model_version" text,
	"model_alias" text,
	"row_count" integer,
	"valid_row_count" integer,
	"invalid_row_count" integer,
	"has_labels" boolean,
	"column_count" integer,
	"drifted_column_count" integer,
	"drift_share" double precision,
	"drift_share_threshold" double precision,
	"is_dataset_drifted" boolean,
	"low_score_count" integer,
	"error_code" text,
	"error_message" text,
	"report_key" text,
	"scored_key" text,
	"log_key" text,
	"report" jsonb,
	CONSTRAINT "runs_status_check" CHECK ("runs"."status" in ('running', 'processed', 'rejected', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "training_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"model_version" text,
	"data_fingerprint" text,
	"train_row_count" integer,
	"holdout_row_count" integer,
	"trial_count" integer,
	"objective_name" text,
	"best_score" double precision,
	"best_params" jsonb,
	"metrics" jsonb,
	"duration_ms" integer,
	"error_message" text,
	CONSTRAINT "training_runs_status_check" CHECK ("training_runs"."status" in ('running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "tuning_trials" (
	"training_run_id" text NOT NULL,
	"trial_number" integer NOT NULL,
	"params" jsonb NOT NULL,
	"score" double precision NOT NULL,
	"score_std" double precision,
	"duration_ms" integer,
	CONSTRAINT "tuning_trials_training_run_id_trial_number_pk" PRIMARY KEY("training_run_id","trial_number")
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_results" ADD CONSTRAINT "drift_results_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_estimates" ADD CONSTRAINT "run_estimates_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_metrics" ADD CONSTRAINT "run_metrics_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tuning_trials" ADD CONSTRAINT "tuning_trials_training_run_id_training_runs_id_fk" FOREIGN KEY ("training_run_id") REFERENCES "public"."training_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alerts_sent_at_idx" ON "alerts" USING btree ("sent_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "drift_results_column_name_idx" ON "drift_results" USING btree ("column_name","run_id");--> statement-breakpoint
CREATE INDEX "model_versions_created_at_idx" ON "model_versions" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "run_metrics_name_idx" ON "run_metrics" USING btree ("name","run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "runs_execution_name_key" ON "runs" USING btree ("execution_name");--> statement-breakpoint
CREATE INDEX "runs_started_at_idx" ON "runs" USING btree ("started_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "runs_status_started_at_idx" ON "runs" USING btree ("status","started_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "runs_model_version_started_at_idx" ON "runs" USING btree ("model_version","started_at");--> statement-breakpoint
CREATE INDEX "runs_object_key_idx" ON "runs" USING btree ("object_key");--> statement-breakpoint
CREATE INDEX "training_runs_started_at_idx" ON "training_runs" USING btree ("started_at" DESC NULLS LAST);