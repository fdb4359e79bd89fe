-- Domain schema: places, centres, caravans, staff, beneficiaries, care plans, appointments, attendance.
-- Every rule that protects the data lives here too (keys, foreign keys, checks), not only in the API.

CREATE TABLE counties (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z]{1,2}$'),
  name text NOT NULL UNIQUE CHECK (btrim(name) <> '')
);

-- The 41 counties and Bucharest (reference data of the SIRUTA classification).
INSERT INTO counties (code, name) VALUES
  ('AB', 'Alba'), ('AR', 'Arad'), ('AG', 'Argeș'), ('BC', 'Bacău'), ('BH', 'Bihor'),
  ('BN', 'Bistrița-Năsăud'), ('BT', 'Botoșani'), ('BV', 'Brașov'), ('BR', 'Brăila'),
  ('B', 'București'), ('BZ', 'Buzău'), ('CS', 'Caraș-Severin'), ('CL', 'Călărași'),
  ('CJ', 'Cluj'), ('CT', 'Constanța'), ('CV', 'Covasna'), ('DB', 'Dâmbovița'), ('DJ', 'Dolj'),
  ('GL', 'Galați'), ('GR', 'Giurgiu'), ('GJ', 'Gorj'), ('HR', 'Harghita'), ('HD', 'Hunedoara'),
  ('IL', 'Ialomița'), ('IS', 'Iași'), ('IF', 'Ilfov'), ('MM', 'Maramureș'), ('MH', 'Mehedinți'),
  ('MS', 'Mureș'), ('NT', 'Neamț'), ('OT', 'Olt'), ('PH', 'Prahova'), ('SM', 'Satu Mare'),
  ('SJ', 'Sălaj'), ('SB', 'Sibiu'), ('SV', 'Suceava'), ('TR', 'Teleorman'), ('TM', 'Timiș'),
  ('TL', 'Tulcea'), ('VS', 'Vaslui'), ('VL', 'Vâlcea'), ('VN', 'Vrancea');

-- Communes, towns and municipalities (UAT): the parents of villages.
CREATE TABLE administrative_units (
  siruta      integer PRIMARY KEY CHECK (siruta > 0),
  name        text NOT NULL CHECK (btrim(name) <> ''),
  county      text NOT NULL REFERENCES counties (code),
  type        text NOT NULL CHECK (type IN ('commune', 'town', 'municipality', 'municipality_county_seat')),
  lat         double precision CHECK (lat BETWEEN -90 AND 90),
  lon         double precision CHECK (lon BETWEEN -180 AND 180),
  seat_siruta integer NOT NULL
);

CREATE TABLE localities (
  siruta        integer PRIMARY KEY CHECK (siruta > 0),
  name          text NOT NULL CHECK (btrim(name) <> ''),
  county        text NOT NULL REFERENCES counties (code),
  type          text NOT NULL CHECK (type IN ('commune_seat_village', 'village', 'municipality_seat_locality',
                  'municipality_component', 'village_of_municipality', 'town_seat_locality', 'town_component',
                  'village_of_town')),
  lat           double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon           double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  population    integer CHECK (population >= 0),
  parent_siruta integer NOT NULL REFERENCES administrative_units (siruta)
);
CREATE INDEX localities_county_idx ON localities (county, name);
CREATE INDEX localities_parent_idx ON localities (parent_siruta);

-- Seat and parent point at each other: checked at commit so both tables load in one transaction.
ALTER TABLE administrative_units ADD CONSTRAINT administrative_units_seat_fk
  FOREIGN KEY (seat_siruta) REFERENCES localities (siruta) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE community_centres (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code            text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
  name            text NOT NULL CHECK (btrim(name) <> ''),
  locality_siruta integer NOT NULL REFERENCES localities (siruta),
  address         text NOT NULL CHECK (btrim(address) <> ''),
  -- {"MONDAY": {"open": "08:00", "close": "16:00"}, ...}; a missing weekday means closed
  opening_hours   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(opening_hours) = 'object')
);
CREATE INDEX community_centres_locality_idx ON community_centres (locality_siruta);

CREATE TABLE rooms (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  centre_id bigint NOT NULL REFERENCES community_centres (id) ON DELETE CASCADE,
  name      text NOT NULL CHECK (btrim(name) <> ''),
  capacity  integer NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 100),
  equipment text[] NOT NULL DEFAULT '{}'
            CHECK (equipment <@ ARRAY['telemedicine_station', 'kinetotherapy', 'speech_therapy', 'group_room']::text[]),
  UNIQUE (centre_id, name)
);

CREATE TABLE caravans (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code                 text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
  name                 text NOT NULL CHECK (btrim(name) <> ''),
  county               text NOT NULL REFERENCES counties (code),
  depot_siruta         integer NOT NULL REFERENCES localities (siruta),
  crew                 text[] NOT NULL DEFAULT '{}',
  consultations_per_day integer NOT NULL CHECK (consultations_per_day BETWEEN 1 AND 200),
  shift_start          time NOT NULL,
  shift_end            time NOT NULL,
  CHECK (shift_end > shift_start)
);

CREATE TABLE staff (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code                text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
  first_name          text NOT NULL CHECK (btrim(first_name) <> ''),
  last_name           text NOT NULL CHECK (btrim(last_name) <> ''),
  role                text NOT NULL CHECK (role IN ('doctor', 'nurse', 'kinetotherapist', 'speech_therapist',
                        'psychologist', 'social_worker', 'school_mediator', 'coordinator')),
  skills              text[] NOT NULL DEFAULT '{}',
  county              text NOT NULL REFERENCES counties (code),
  home_centre_id      bigint REFERENCES community_centres (id),
  caravan_id          bigint REFERENCES caravans (id),
  -- {"MONDAY": [{"from": "08:00", "to": "16:00"}], ...}
  weekly_availability jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(weekly_availability) = 'object'),
  phone               text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$')
);
CREATE INDEX staff_centre_idx ON staff (home_centre_id);

CREATE TABLE staff_leave (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  staff_id  bigint NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  from_date date NOT NULL,
  to_date   date NOT NULL,
  reason    text NOT NULL DEFAULT 'leave' CHECK (reason IN ('leave', 'sick', 'training', 'other')),
  CHECK (to_date >= from_date)
);
CREATE INDEX staff_leave_staff_idx ON staff_leave (staff_id, from_date);

CREATE TABLE beneficiaries (
  id                uuid PRIMARY KEY,
  first_name        text NOT NULL CHECK (btrim(first_name) <> '' AND length(first_name) <= 100),
  last_name         text NOT NULL CHECK (btrim(last_name) <> '' AND length(last_name) <= 100),
  cnp               text CONSTRAINT beneficiaries_cnp_format CHECK (cnp ~ '^[1-9][0-9]{12}$'),
  birth_date        date NOT NULL CHECK (birth_date >= DATE '1900-01-01'),
  sex               text NOT NULL CHECK (sex IN ('F', 'M')),
  locality_siruta   integer NOT NULL REFERENCES localities (siruta),
  household_id      uuid,
  centre_id         bigint REFERENCES community_centres (id),
  category          text NOT NULL CHECK (category IN ('disability', 'child', 'vulnerable_family', 'elderly')),
  -- extra facts that cut across the category: parental_education, child, disability_certificate, ...
  flags             text[] NOT NULL DEFAULT '{}',
  guardian_name     text CHECK (guardian_name IS NULL OR btrim(guardian_name) <> ''),
  phone             text CONSTRAINT beneficiaries_phone_e164 CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  sms_consent       boolean NOT NULL DEFAULT false,
  sms_consent_date  date,
  data_consent      boolean NOT NULL DEFAULT false,
  data_consent_date date,
  preferred_language text NOT NULL DEFAULT 'ro' CHECK (preferred_language ~ '^[a-z]{2,3}$'),
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT beneficiaries_cnp_key UNIQUE (cnp),
  CONSTRAINT beneficiaries_sms_consent_dated CHECK (NOT sms_consent OR sms_consent_date IS NOT NULL),
  CONSTRAINT beneficiaries_data_consent_dated CHECK (NOT data_consent OR data_consent_date IS NOT NULL)
);
CREATE INDEX beneficiaries_locality_idx ON beneficiaries (locality_siruta);
CREATE INDEX beneficiaries_centre_idx ON beneficiaries (centre_id);
CREATE INDEX beneficiaries_name_idx ON beneficiaries (last_name, first_name, id);
CREATE INDEX beneficiaries_household_idx ON beneficiaries (household_id);

CREATE TABLE care_plans (
  id                uuid PRIMARY KEY,
  beneficiary_id    uuid NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,
  service           text NOT NULL CHECK (service IN ('kinetotherapy', 'speech_therapy', 'counselling', 'support_group',
                      'parental_education', 'medical_consultation', 'telemedicine')),
  sessions_per_week integer NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 14),
  -- 1 = every week; 4 = one week in four (caravan visits)
  interval_weeks    integer NOT NULL DEFAULT 1 CHECK (interval_weeks BETWEEN 1 AND 52),
  minutes           integer NOT NULL CHECK (minutes BETWEEN 5 AND 480),
  modality          text NOT NULL CHECK (modality IN ('centre', 'caravan', 'remote')),
  centre_id         bigint REFERENCES community_centres (id),
  valid_from        date NOT NULL,
  valid_to          date,
  preferred_days    text[] NOT NULL DEFAULT '{}'
                    CHECK (preferred_days <@ ARRAY['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY',
                      'SATURDAY', 'SUNDAY']::text[]),
  preferred_from    time,
  preferred_to      time,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT care_plans_period CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CONSTRAINT care_plans_preferred_window CHECK (preferred_from IS NULL OR preferred_to IS NULL OR preferred_to > preferred_from)
);
CREATE INDEX care_plans_beneficiary_idx ON care_plans (beneficiary_id);

CREATE TABLE appointments (
  id              uuid PRIMARY KEY,
  beneficiary_id  uuid NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,
  care_plan_id    uuid REFERENCES care_plans (id) ON DELETE SET NULL,
  service         text NOT NULL CHECK (service IN ('kinetotherapy', 'speech_therapy', 'counselling', 'support_group',
                    'parental_education', 'medical_consultation', 'telemedicine')),
  modality        text NOT NULL CHECK (modality IN ('centre', 'caravan', 'remote')),
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  staff_id        bigint REFERENCES staff (id),
  centre_id       bigint REFERENCES community_centres (id),
  room_id         bigint REFERENCES rooms (id),
  caravan_id      bigint REFERENCES caravans (id),
  stop_siruta     integer REFERENCES localities (siruta),
  -- FHIR Appointment.status subset
  status          text NOT NULL DEFAULT 'booked'
                  CHECK (status IN ('proposed', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow')),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT appointments_period CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '12 hours'),
  CONSTRAINT appointments_centre_place CHECK (modality <> 'centre' OR centre_id IS NOT NULL),
  CONSTRAINT appointments_caravan_place CHECK (modality <> 'caravan' OR stop_siruta IS NOT NULL)
);
CREATE INDEX appointments_beneficiary_idx ON appointments (beneficiary_id, starts_at);
CREATE INDEX appointments_starts_idx ON appointments (starts_at);
CREATE INDEX appointments_staff_idx ON appointments (staff_id, starts_at);

CREATE TABLE attendance_marks (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  appointment_id uuid NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  status         text NOT NULL CHECK (status IN ('arrived', 'fulfilled', 'noshow')),
  minutes        integer CHECK (minutes BETWEEN 0 AND 720),
  recorded_by    text NOT NULL CHECK (btrim(recorded_by) <> ''),
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  note           text
);
CREATE INDEX attendance_marks_appointment_idx ON attendance_marks (appointment_id, recorded_at);

-- One row once the demo scenario has been loaded, so a restart does not load it twice.
CREATE TABLE demo_scenario (
  id        integer PRIMARY KEY CHECK (id = 1),
  seed      bigint NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);
