export interface NameAndCompany {
  name: string;
  company: string;
}

/**
 * SPEC I2/I3 (docs/requirements.md): a customer always has both a name and a company. With only one, it
 * stands in for the other (a company-only customer is named by its company, a person with no company is
 * their own company). Both empty stays empty: refusing such a customer (I1) is the caller's rule.
 *
 * The values are taken as they are (no trimming): the import and the API trim before, and the registration
 * rule trims its own.
 */
export function nameAndCompany(customer: NameAndCompany): NameAndCompany {
  return {
    name: customer.name || customer.company, // I3
    company: customer.company || customer.name, // I2
  };
}
