/**
 * Turns the rows of Apple's six roster files into records.
 *
 * Only checks that need nothing but the row itself run here; uniqueness and references
 * between files are checked once every file is read (see roster-links).
 */
import type { RowFields } from './row-fields';
import type { RosterClass, RosterCourse, RosterEnrollment, RosterLocation, RosterPerson } from './roster-types';

export function readLocation(fields: RowFields): RosterLocation {
  return { locationId: fields.id('location_id'), name: fields.text('location_name'), line: fields.line };
}

export function readStudent(fields: RowFields): RosterPerson {
  return {
    ...readPerson(fields),
    gradeLevel: fields.optionalText('grade_level'),
    passwordPolicy: fields.passwordPolicy('password_policy'),
  };
}

export function readStaffMember(fields: RowFields): RosterPerson {
  return readPerson(fields);
}

function readPerson(fields: RowFields): RosterPerson {
  return {
    personId: fields.id('person_id'),
    personNumber: fields.optionalText('person_number'),
    firstName: fields.text('first_name'),
    middleName: fields.optionalText('middle_name'),
    lastName: fields.text('last_name'),
    gradeLevel: null,
    email: fields.email('email_address'),
    sisUsername: fields.optionalText('sis_username'),
    passwordPolicy: null,
    locationIds: fields.idSeries('location_id'),
    line: fields.line,
  };
}

export function readCourse(fields: RowFields): RosterCourse {
  return {
    courseId: fields.id('course_id'),
    courseNumber: fields.optionalText('course_number'),
    courseName: fields.optionalText('course_name'),
    locationId: fields.id('location_id'),
    line: fields.line,
  };
}

export function readClass(fields: RowFields): RosterClass {
  return {
    classId: fields.id('class_id'),
    classNumber: fields.optionalText('class_number'),
    displayName: fields.optionalText('class_display_name'),
    courseId: fields.id('course_id'),
    instructorIds: fields.idSeries('instructor_id'),
    locationId: fields.id('location_id'),
    line: fields.line,
  };
}

export function readEnrollment(fields: RowFields): RosterEnrollment {
  return {
    rosterId: fields.id('roster_id'),
    classId: fields.id('class_id'),
    studentId: fields.id('student_id'),
    line: fields.line,
  };
}
