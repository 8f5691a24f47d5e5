CREATE TABLE "scheduled_runs" (
	"fn_id" varchar(200) NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "scheduled_runs_fn_id_slot_pk" PRIMARY KEY("fn_id","slot")
);
